#!/usr/bin/env python3
"""Runs every command shown in README.md and docs/*.md against the built tree.

A command is a line in a ```sh / ```bash / ```console / ``` block that starts with
`clearpage`, `build/bin/clearpage` or `make` (a `$ ` prompt is dropped; a trailing `\\`
joins lines). Commands that need data the tree does not hold, or that only illustrate,
are listed in docs_commands.skip with the reason, and printed as SKIP; a listed command
that no longer appears in the docs fails the test, so the list cannot rot.

`clearpage` runs the built binary; each command runs in a scratch copy of configs/ and
samples/ so outputs land nowhere in the tree, and "/tmp/" in a command is that copy's own
scratch folder. A command passes when it exits 0 (1 is
accepted for `run`, whose inputs may become error records by design, and `eval`'s
exit 6 for a threshold); `--help` output must name the command.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

source = os.environ["CLEARPAGE_SOURCE_DIR"]
binary = os.environ["CLEARPAGE_BINARY"]
list_only = "--list" in sys.argv


def commands():
    files = [os.path.join(source, "README.md")] + sorted(glob.glob(os.path.join(source, "docs", "*.md")))
    for path in files:
        rel = os.path.relpath(path, source)
        block = None
        pending = ""
        for number, line in enumerate(open(path, encoding="utf-8"), 1):
            stripped = line.rstrip("\n")
            fence = re.match(r"^\s*```(\w*)", stripped)
            if fence:
                block = None if block is not None else fence.group(1)
                continue
            if block is None or block not in ("", "sh", "bash", "console", "shell"):
                continue
            text = stripped.strip()
            if text.startswith("$ "):
                text = text[2:]
            if pending:
                text = pending + " " + text
                pending = ""
            if text.endswith("\\"):
                pending = text[:-1].strip()
                continue
            if re.match(r"^(build/bin/clearpage|clearpage|make)(\s|$)", text):
                yield rel, number, text


def load_skips():
    skips = {}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "docs_commands.skip")
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        where, _, rest = line.partition(" | ")
        command, _, reason = rest.rpartition(" | ")
        skips[(where.strip(), command.strip())] = reason.strip()
    return skips


def main():
    found = list(commands())
    if list_only:
        for rel, number, text in found:
            print(f"{rel}:{number}: {text}")
        return 0
    skips = load_skips()
    used = set()
    failures = 0
    ran = 0
    parent = tempfile.mkdtemp(prefix="clearpage_docs_")
    scratch = os.path.join(parent, "tree")
    os.makedirs(scratch)
    # Docs name shared data as ../shared, relative to the tree.
    shared = os.path.join(source, "..", "shared")
    if os.path.isdir(shared):
        os.symlink(os.path.realpath(shared), os.path.join(parent, "shared"))
    try:
        for name in ("configs", "samples"):
            shutil.copytree(os.path.join(source, name), os.path.join(scratch, name))
        bindir = os.path.join(scratch, "bin")
        os.makedirs(bindir)
        os.symlink(binary, os.path.join(bindir, "clearpage"))
        os.makedirs(os.path.join(scratch, "build"))
        os.symlink(os.path.dirname(binary), os.path.join(scratch, "build", "bin"))
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"])
        for rel, number, text in found:
            key = (rel, text)
            if key in skips:
                used.add(key)
                print(f"SKIP {rel}:{number}: {text}\n     ({skips[key]})")
                continue
            if "../shared" in text and not os.path.isdir(shared):
                if os.environ.get("CI") == "true":
                    failures += 1
                    print(f"FAIL {rel}:{number}: {text}\n     (../shared is missing under CI)")
                else:
                    print(f"SKIP {rel}:{number}: {text}\n     (../shared is absent)")
                continue
            if text.startswith("make"):
                print(f"FAIL {rel}:{number}: {text}\n     (make targets are not run here; list it in docs_commands.skip)")
                failures += 1
                continue
            # Docs write scratch files to /tmp; here they go to this run's own folder.
            text_run = text.replace(" /tmp/", " " + parent + "/tmp/")
            os.makedirs(os.path.join(parent, "tmp"), exist_ok=True)
            result = subprocess.run(["bash", "-c", text_run], cwd=scratch, env=env, capture_output=True,
                                    text=True, timeout=120, stdin=subprocess.DEVNULL)
            allowed = {0}
            if re.search(r"clearpage run\b", text):
                allowed.add(1)
            if re.search(r"clearpage eval\b", text):
                allowed.add(6)
            ran += 1
            if result.returncode not in allowed:
                failures += 1
                print(f"FAIL {rel}:{number}: {text}\n     exit {result.returncode}: {result.stderr.strip()[:400]}")
            else:
                print(f"ok   {rel}:{number}: {text}")
    finally:
        shutil.rmtree(parent, ignore_errors=True)
    for key in sorted(set(skips) - used):
        failures += 1
        print(f"FAIL docs_commands.skip lists a command no doc shows: {key[0]} | {key[1]}")
    print(f"{ran} commands run, {len(used)} skipped as listed, {failures} failures")
    return 1 if failures else 0


sys.exit(main())
