#!/usr/bin/env python3
"""Stream mode on a pipe that stays open: each record's answer comes back before the
next record is sent, as Spark RDD.pipe, Hadoop Streaming and xargs need."""
import json
import os
import select
import subprocess
import sys
import time

source = os.environ["CLEARPAGE_SOURCE_DIR"]
binary = os.environ["CLEARPAGE_BINARY"]


def read_line(stream, timeout):
    deadline = time.monotonic() + timeout
    data = b""
    while not data.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([stream], [], [], left)[0]:
            return None
        chunk = os.read(stream.fileno(), 1)
        if not chunk:
            return None
        data += chunk
    return data.decode()


def main():
    for fmt in ("jsonl", "warc"):
        proc = subprocess.Popen(
            [binary, "run", "--config", "configs/stream.toml", "--quiet", "--stdin-format", fmt,
             "-o", "-"],
            cwd=source, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for i in range(5):
            html = f"<html><head><title>第{i}篇</title></head><body><article><p>第{i}篇的正文，" \
                   f"足够长的一段话，用来检验流式处理。</p></article></body></html>"
            url = f"https://example.org/{i}"
            if fmt == "jsonl":
                record = (json.dumps({"url": url, "html": html}, ensure_ascii=False) + "\n").encode()
            else:
                body = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" +
                        html).encode()
                record = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
                          f"WARC-Record-ID: <urn:uuid:{i}>\r\nContent-Type: application/http; msgtype=response\r\n"
                          f"Content-Length: {len(body)}\r\n\r\n").encode() + body + b"\r\n\r\n"
            proc.stdin.write(record)
            proc.stdin.flush()
            # stdin stays open: the answer must come anyway.
            line = read_line(proc.stdout, 20)
            if line is None:
                proc.kill()
                sys.exit(f"FAIL: {fmt}: no output for record {i} while stdin stays open")
            doc = json.loads(line)
            if doc["id"] != url or doc["errors"]:
                proc.kill()
                sys.exit(f"FAIL: {fmt}: record {i}: {line}")
        proc.stdin.close()
        rest = proc.stdout.read()
        code = proc.wait(timeout=30)
        if code != 0 or rest.strip():
            sys.exit(f"FAIL: {fmt}: exit {code}, trailing output {rest[:200]!r}, "
                     f"stderr {proc.stderr.read()[:400]!r}")
        print(f"ok   stream {fmt}: 5 records answered one by one on an open pipe")


main()
