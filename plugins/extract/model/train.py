#!/usr/bin/python3
"""Trains the extract plugin's block classifier from feature dumps and gold text.

Each dumped block is labelled by how much of it the page's gold text holds (its 4-token
shingles, as the body score counts them). Cross-validation is grouped by host, so every
figure it prints comes from pages of sites the fold's model never saw. The final model is
trained on all pages and saved in xgboost's JSON format.

  train.py --dump NAME=PREFIX:GOLD ... --out block_model.json [--report FILE]

NAME is wcxb, aeb or magic-html (it says how GOLD is read); PREFIX is what
clearpage_feature_dump wrote.
"""

import argparse
import collections
import json
import math
import os
import re
import sys
import urllib.parse

import numpy as np
import xgboost as xgb
from sklearn.model_selection import GroupKFold

_IDEO = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_TOKEN = re.compile("[" + _IDEO + "]|[^\\W" + _IDEO + "]+")

PARAMS = {
    "objective": "binary:logistic",
    "eval_metric": "logloss",
    "max_depth": 6,
    "eta": 0.15,
    "subsample": 0.7,
    "colsample_bytree": 0.5,
    "min_child_weight": 2,
    "tree_method": "hist",
    "max_bin": 128,
    "nthread": 2,
    "seed": 7,
}


def tokens(text):
    return _TOKEN.findall(text)


def shingles(toks, n=4):
    if not toks:
        return collections.Counter()
    w = min(n, len(toks))
    return collections.Counter(tuple(toks[i:i + w]) for i in range(len(toks) - w + 1))


def score(gold, out):
    """tp, fp, fn of one document, normalised to sum to 1 (the benchmark's method)."""
    g, o = shingles(tokens(gold)), shingles(tokens(out))
    tp = sum(min(c, g[k]) for k, c in o.items() if k in g)
    fp = sum(o.values()) - tp
    fn = sum(g.values()) - tp
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0), bool(o), bool(g)


def aggregate(results):
    ps = [tp / (tp + fp) if tp + fp else 0.0 for (tp, fp, fn), has_o, has_g in results if has_o]
    rs = [tp / (tp + fn) if tp + fn else 0.0 for (tp, fp, fn), has_o, has_g in results if has_g]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def load_gold(name, path):
    """{page id: (gold text, host, page type)}"""
    gold = {}
    if name in ("wcxb", "aeb"):
        data = json.load(open(path, encoding="utf-8"))
        for key, v in data.items():
            host = urllib.parse.urlsplit(v.get("url", "")).hostname or key
            gold[key] = (v.get("articleBody") or "", host, v.get("page_type", "article"))
    elif name == "magic-html":
        for f in sorted(os.listdir(path)):
            if f.endswith(".gold.json"):
                v = json.load(open(os.path.join(path, f), encoding="utf-8"))
                host = urllib.parse.urlsplit(v.get("url", "")).hostname or f
                gold[f[: -len(".gold.json")]] = (v.get("content") or "", host, v.get("remark", "article"))
    else:
        raise SystemExit("unknown gold format " + name)
    return gold


def page_id(path):
    base = os.path.basename(path)
    for suffix in (".html.gz", ".html", ".htm"):
        if base.endswith(suffix):
            return base[: -len(suffix)]
    return base


def block_labels(texts, gold_text):
    """Share of each block's shingles found in the gold text, and its token count."""
    g = set(shingles(tokens(gold_text)).keys())
    gtok = set(tokens(gold_text))
    shares, sizes = [], []
    for t in texts:
        toks = tokens(t)
        sizes.append(len(toks))
        if not toks:
            shares.append(0.0)
            continue
        if len(toks) < 4:
            # Too short for a 4-shingle: the tokens' presence is all there is.
            shares.append(sum(tok in gtok for tok in toks) / len(toks) * (1.0 if g else 0.0))
            continue
        sh = [tuple(toks[i:i + 4]) for i in range(len(toks) - 3)]
        shares.append(sum(s in g for s in sh) / len(sh))
    return np.array(shares), np.array(sizes)


def load(dumps):
    names = None
    pages = []  # dicts: set, id, host, type, gold, texts, X rows
    for spec in dumps:
        name, rest = spec.split("=", 1)
        prefix, gold_path = rest.split(":", 1)
        gold = load_gold(name, gold_path)
        n = json.load(open(prefix + ".names.json"))
        if names is None:
            names = n
        elif n != names:
            raise SystemExit("feature dumps disagree on their columns")
        for meta, X in dump_pages(prefix, names):
            pid = page_id(meta["path"])
            if pid not in gold:
                continue
            text, host, ptype = gold[pid]
            pages.append({"set": name, "id": pid, "host": host, "type": ptype, "gold": text,
                          "texts": meta["texts"], "X": X, "path": meta["path"]})
    return names, pages


def dump_pages(prefix, names):
    """Each page of a dump: its line of PREFIX.jsonl and its rows of PREFIX.f32."""
    rows = np.fromfile(prefix + ".f32", dtype=np.float32).reshape(-1, len(names))
    at = 0
    for line in open(prefix + ".jsonl", encoding="utf-8"):
        meta = json.loads(line)
        k = meta["blocks"]
        yield meta, rows[at:at + k]
        at += k
    if at != rows.shape[0]:
        raise SystemExit(prefix + ": rows and blocks disagree")


def feature_sums(prefix, names):
    """Per page of a dump: its path from the repository root, block count and column sums."""
    if json.load(open(prefix + ".names.json")) != names:
        raise SystemExit(prefix + ": the check dump has other columns than the training dumps")
    out = []
    for meta, X in dump_pages(prefix, names):
        sums = np.nansum(X.astype(np.float64), axis=0)
        out.append({"path": meta["path"], "blocks": meta["blocks"], "sums": [float(v) for v in sums]})
    return out


def language(page):
    han = sum(len(re.findall("[" + _IDEO + "]", t)) for t in page["texts"])
    chars = sum(len(t) for t in page["texts"]) or 1
    return "zh" if han / chars > 0.2 else "other"


def design(pages, sample=True):
    X, y, w = [], [], []
    rng = np.random.default_rng(11)
    for p in pages:
        if "share" not in p:
            p["share"], p["size"] = block_labels(p["texts"], p["gold"])
        share, size = p["share"], p["size"]
        total = max(size.sum(), 1)
        # Each page weighs about the same, as in the body score; within it, a block
        # weighs by its tokens.
        weight = (size / total * 100.0 + 0.2).astype(np.float32)
        take = np.ones(len(size), dtype=bool)
        if sample:
            # Blocks of a word or two (menu items, labels) are most rows but little text:
            # a quarter of them, weighing four times as much, teach the same in less time.
            tiny = size < 3
            take = ~tiny | (rng.random(len(size)) < 0.25)
            weight = np.where(tiny, weight * 4, weight)
        X.append(p["X"][take])
        y.append((share >= 0.5).astype(np.float32)[take])
        w.append(weight[take])
    return np.vstack(X), np.concatenate(y), np.concatenate(w)


def extract_text(page, probs, threshold):
    return "\n".join(t for t, p in zip(page["texts"], probs) if p >= threshold)


def report_lines(pages, probs_by_page, threshold):
    lines = []
    groups = collections.defaultdict(list)
    for p, probs in zip(pages, probs_by_page):
        r = score(p["gold"], extract_text(p, probs, threshold))
        groups[(p["set"], "all")].append(r)
        groups[(p["set"], "type " + str(p["type"]))].append(r)
        groups[(p["set"], "lang " + language(p))].append(r)
        if p["gold"].strip() and not extract_text(p, probs, threshold).strip():
            groups[(p["set"], "empty")].append(r)
    for key in sorted(groups):
        if key[1] == "empty":
            lines.append("%-11s %-22s %d pages with gold came out empty" % (key[0], "", len(groups[key])))
            continue
        pr, rc, f = aggregate(groups[key])
        lines.append("%-11s %-22s n=%-4d P %.3f  R %.3f  F1 %.3f" % (key[0], key[1], len(groups[key]), pr, rc, f))
    return lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dump", action="append", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--report")
    ap.add_argument("--oof", help="save the out-of-fold probabilities here (.npy)")
    ap.add_argument("--trees", type=int, default=120)
    ap.add_argument("--depth", type=int, default=6)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--fold-models", metavar="DIR",
                    help="save each fold's model and its held-out pages here, for pipeline_cv.py")
    ap.add_argument("--feature-check", metavar="PREFIX",
                    help="a dump of in-repository pages whose column sums the check file keeps, "
                         "so a test sees when the plugin's features no longer match the model's")
    args = ap.parse_args()
    params = dict(PARAMS, max_depth=args.depth)

    names, pages = load(args.dump)
    print("%d pages, %d features" % (len(pages), len(names)), file=sys.stderr)
    lines = ["block classifier: %d trees, depth %d, %d features, %d pages" %
             (args.trees, args.depth, len(names), len(pages))]
    if not args.no_cv:
        hosts = [p["host"] for p in pages]
        oof = [None] * len(pages)
        for fold, (tr, te) in enumerate(GroupKFold(n_splits=args.folds).split(pages, groups=hosts)):
            X, y, w = design([pages[i] for i in tr])
            booster = xgb.train(params, xgb.DMatrix(X, label=y, weight=w), args.trees)
            for i in te:
                oof[i] = booster.predict(xgb.DMatrix(pages[i]["X"])) if len(pages[i]["X"]) else np.zeros(0)
            if args.fold_models:
                os.makedirs(args.fold_models, exist_ok=True)
                booster.save_model(os.path.join(args.fold_models, "fold%d.json" % fold))
                with open(os.path.join(args.fold_models, "fold%d.pages" % fold), "w") as f:
                    f.write("".join(pages[i]["path"] + "\n" for i in te))
            print("fold %d done" % fold, file=sys.stderr)
        if args.oof:
            # Out-of-fold probabilities, for trying other choosers on them.
            np.save(args.oof, np.array(oof, dtype=object), allow_pickle=True)
        lines.append("%d-fold cross-validation grouped by host (pages of unseen sites):" % args.folds)
        for t in (0.3, 0.4, 0.5, 0.6):
            lines.append("threshold %.2f" % t)
            lines += ["  " + l for l in report_lines(pages, oof, t)]
    X, y, w = design(pages)
    booster = xgb.train(params, xgb.DMatrix(X, label=y, weight=w, feature_names=None), args.trees)
    booster.save_model(args.out)
    # Rows with xgboost's own predictions, for the C++ evaluator's test.
    pick = np.linspace(0, X.shape[0] - 1, 24).astype(int)
    rows = X[pick]
    check = {"rows": [[float(v) for v in r] for r in rows],
             "predictions": [float(v) for v in booster.predict(xgb.DMatrix(rows))]}
    if args.feature_check:
        check["feature_names"] = names
        check["pages"] = feature_sums(args.feature_check, names)
    check_path = os.path.join(os.path.dirname(args.out) or ".", "block_model_check.json")
    with open(check_path, "w", encoding="utf-8") as f:
        json.dump(check, f, separators=(",", ":"))
    lines.append("final model saved to %s (%d bytes)" % (os.path.basename(args.out), os.path.getsize(args.out)))
    imp = booster.get_score(importance_type="gain")
    top = sorted(imp.items(), key=lambda kv: -kv[1])[:25]
    lines.append("strongest features (gain): " + ", ".join(
        "%s %.0f" % (names[int(k[1:])], v) for k, v in top))
    text = "\n".join(lines) + "\n"
    print(text)
    if args.report:
        open(args.report, "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    main()
