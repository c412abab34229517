#!/usr/bin/python3
"""Runs the whole job on each cross-validation fold's held-out pages with that fold's model.

The report train.py writes scores the classifier alone; this scores what the job emits
(the classifier plus the block builder and the cleaners after it) on pages of sites the
model never saw, so it can be set beside `clearpage eval` on the shipped model.

  pipeline_cv.py --clearpage build/bin/clearpage --config configs/default.toml \\
      --folds DIR --out DIR/cv.jsonl [--set model_threshold=0.5]

DIR is what `train.py --fold-models DIR` wrote. The outputs of all folds go to --out,
one JSONL file, to score with `clearpage eval --gold ...` per corpus (records carry their
source path).
"""

import argparse
import glob
import os
import subprocess
import sys
import tempfile
import tomllib


def job_with_model(config_text, model, settings):
    """The job's text with `model` (and any KEY=VALUE settings) added to its extract stage."""
    lines = config_text.splitlines()
    out, inserted = [], False
    for line in lines:
        out.append(line)
        if line.strip() == 'plugin = "extract"' and not inserted:
            out.append('model = "%s"' % model)
            out += [k + " = " + v for k, v in settings]
            inserted = True
    if not inserted:
        raise SystemExit("the job has no extract stage")
    text = "\n".join(out) + "\n"
    tomllib.loads(text)  # fails loudly if the insertion broke the file
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clearpage", required=True)
    ap.add_argument("--config", required=True)
    ap.add_argument("--folds", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="another extract option for every fold (TOML value)")
    ap.add_argument("--threads", default="0")
    args = ap.parse_args()
    settings = [tuple(s.split("=", 1)) for s in args.set]
    config_text = open(args.config, encoding="utf-8").read()
    models = sorted(glob.glob(os.path.join(args.folds, "fold*.json")))
    if not models:
        raise SystemExit(args.folds + ": no fold models (train.py --fold-models)")
    with open(args.out, "w", encoding="utf-8") as merged, tempfile.TemporaryDirectory() as tmp:
        for model in models:
            pages = open(model[: -len(".json")] + ".pages", encoding="utf-8").read().split()
            job = os.path.join(tmp, "job.toml")
            open(job, "w", encoding="utf-8").write(
                job_with_model(config_text, os.path.abspath(model), settings))
            part = os.path.join(tmp, "part.jsonl")
            subprocess.run([args.clearpage, "run", "--force", "--quiet", "--config", job,
                            "--threads", args.threads, "-o", part] + pages, check=True)
            merged.write(open(part, encoding="utf-8").read())
            print("%s: %d pages" % (os.path.basename(model), len(pages)), file=sys.stderr)


if __name__ == "__main__":
    main()
