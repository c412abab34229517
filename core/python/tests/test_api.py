"""The Python package against the C++ API and the CLI."""

import json
import os
import subprocess
import sys
import threading

import pytest

import clearpage
from conftest import ROOT, run_cli

GBK_PAGE = ("<html><head><meta charset=\"gbk\"><title>示例标题</title></head><body>"
            "<article><h1>示例标题</h1><p>这是一段用国标编码写成的正文，内容足够长，"
            "足以被当作正文保留下来，而不是当作导航。</p><p>第二段正文同样足够长，"
            "用来确认解码没有出错。</p></article></body></html>")

SMALL_JOB = """
[job]
max_input_bytes = 4096
[[stage]]
plugin = "html"
[[stage]]
plugin = "extract"
[[stage]]
plugin = "jsonl"
"""


def text_of(doc):
    return "\n".join(block.get("text", "") for block in doc.get("body", []))


def test_version_and_plugins():
    assert clearpage.__version__ == clearpage.version()
    assert "html" in clearpage.Pipeline().plugins


def test_bytes_and_str_give_the_same_document(pages):
    path, html = next(p for p in pages if p[0].endswith("news-article.html"))
    from_bytes = clearpage.extract(html, url="https://example.com/a")
    from_str = clearpage.extract(html.decode("utf-8"), url="https://example.com/a")
    assert from_bytes == from_str
    assert from_bytes["format"] == "html"
    assert from_bytes["url"] == "https://example.com/a"
    assert "示例河流生态修复工程" in text_of(from_bytes)


def test_non_utf8_bytes_are_decoded_by_their_charset():
    gbk = GBK_PAGE.encode("gbk")
    doc = clearpage.extract(gbk)
    assert "用国标编码写成的正文" in text_of(doc)
    # The same page already decoded: its <meta charset=gbk> must not decode it again.
    assert text_of(clearpage.extract(gbk.decode("gbk"))) == text_of(doc)
    # Without the <meta>, the HTTP content type's charset decides.
    bare = GBK_PAGE.replace('<meta charset="gbk">', "").encode("gbk")
    hinted = clearpage.Pipeline().process(bare, content_type="text/html; charset=GBK")
    assert "用国标编码写成的正文" in text_of(hinted)


def test_invalid_bytes_never_crash():
    for junk in [b"", b"\x00\xff\xfe" * 100, bytes(range(256)) * 8, b"<html><p>\xe4\xb8</p>"]:
        try:
            doc = clearpage.extract(junk)
            assert isinstance(doc, dict) and not doc.get("errors")
        except clearpage.ProcessError as e:
            assert e.record["errors"], e


def test_a_bad_job_is_a_config_error_naming_line_and_key():
    with pytest.raises(clearpage.ConfigError) as caught:
        clearpage.Pipeline("[job]\nthreads = 1\nno_such_key = 2\n[[stage]]\nplugin = \"html\"\n")
    assert any(":3:" in m and "no_such_key" in m for m in caught.value.messages), caught.value.messages
    assert isinstance(caught.value, clearpage.Error)
    with pytest.raises(clearpage.ConfigError, match="nowhere.toml"):
        clearpage.Pipeline("/nowhere.toml")


def test_a_failed_page_raises_with_the_clis_error_record(tmp_path):
    pipeline = clearpage.Pipeline(SMALL_JOB)
    big = b"<p>" + b"x" * 5000 + b"</p>"
    with pytest.raises(clearpage.ProcessError) as caught:
        pipeline.process(big, "https://example.com/big")
    record = caught.value.record
    assert record["id"] == "https://example.com/big"
    assert record["errors"][0]["stage"] == "input"
    assert "exceeds max_input_bytes (4096)" in str(caught.value)
    # process_many keeps it as an error record, as the CLI writes it for the same file.
    [many] = pipeline.process_many([(big, "https://example.com/big")])
    assert many["errors"] == record["errors"]
    job = tmp_path / "job.toml"
    job.write_text(SMALL_JOB)
    page = tmp_path / "big.html"
    page.write_bytes(big)
    [cli_record] = run_cli([str(page)], str(tmp_path / "out.jsonl"), config=str(job))
    # The CLI read a file ("file size"), the API was given bytes ("input size").
    reason = "size 5007 exceeds max_input_bytes (4096)"
    assert cli_record["errors"][0]["message"].endswith(reason)
    assert record["errors"][0]["message"].endswith(reason)
    assert cli_record["errors"][0]["stage"] == record["errors"][0]["stage"]


def test_wrong_types_are_type_errors():
    with pytest.raises(TypeError):
        clearpage.extract(42)
    with pytest.raises(ValueError):
        clearpage.Pipeline().process_many([{"url": "no html"}])
    with pytest.raises(ValueError):
        clearpage.Pipeline().process_many([b"x"], threads=-1)


def process_or_record(pipeline, html, **names):
    try:
        return pipeline.process(html, **names)
    except clearpage.ProcessError as e:
        return e.record


def test_results_equal_the_clis_on_samples(tmp_path):
    expected = run_cli(["samples/"], str(tmp_path / "cli.jsonl"))
    assert len(expected) >= 6
    pipeline = clearpage.Pipeline(os.path.join(ROOT, "configs", "default.toml"))
    # In memory, page by page, named as the CLI names them.
    for record in expected:
        with open(os.path.join(ROOT, record["source"]), "rb") as f:
            html = f.read()
        got = process_or_record(pipeline, html, id=record["id"], source=record["source"])
        assert got == record, record["source"]
    # Read by the API from the same inputs: record for record.
    inputs = pipeline.open(["samples/"])
    got, batch = [], inputs.next(3)
    while batch:
        got.extend(batch)
        batch = inputs.next(3)
    assert got == expected
    # `python -m clearpage` is the CLI.
    subprocess.run([sys.executable, "-m", "clearpage", "--quiet", "--config",
                    "configs/default.toml", "--output", str(tmp_path / "m.jsonl"), "samples/"],
                   check=True, cwd=ROOT)
    with open(tmp_path / "m.jsonl", encoding="utf-8") as f:
        assert [json.loads(line) for line in f] == expected


def test_many_threads_at_once_give_the_sequential_results(pages):
    pipeline = clearpage.Pipeline()
    items = [{"html": html, "url": f"https://example.com/{i}", "id": str(i)}
             for i, (_path, html) in enumerate(pages * 6)]
    sequential = [pipeline.process(item["html"], item["url"], id=item["id"]) for item in items]
    assert pipeline.process_many(items, threads=4) == sequential
    results = {}

    def call(n):
        if n % 2:
            results[n] = pipeline.process_many(items, threads=2)
        else:
            results[n] = [clearpage.extract(i["html"], i["url"]) for i in items]

    threads = [threading.Thread(target=call, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for n, got in results.items():
        if n % 2:
            assert got == sequential
        else:  # extract names no id: the url stands in
            assert [dict(d, id=i["id"]) for d, i in zip(got, items)] == sequential
    assert len(results) == 8
