#!/usr/bin/env bash
# The worked example's comparison (README, "Your own NAS"): NAS-BOWL against random search on train.py, 3 seeds
# each, 40 evaluations, 2 at once (NAS-BOWL's include replicates: re-evaluations of its most promising
# architecture with training seeds 1, 2, ...); then each run's best observed and recommended architecture retrained
# with 3 fresh training seeds (101, 102, 103, never used by a search). Writes into OUT (default results/examples/pytorch-nb201): runs/<method>-seed<s>/ (the run directories
# without evals/), retrain.csv, summary.csv and provenance.json. Every search is resumable: a killed comparison
# run again with the same command continues where it stopped. PYTHON names a python3 with torch and scikit-learn
# (default /usr/bin/python3, Debian's python3-torch and python3-sklearn).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$root/results/examples/pytorch-nb201}"
py="${PYTHON:-/usr/bin/python3}"
cd "$root"
mkdir -p "$out/runs"
for method in nasbowl-m random; do
  for seed in 0 1 2; do
    ./nasbowl search --space nb201 --method "$method" --seed "$seed" --budget 40 --parallel 2 \
      --objective-cmd "$py examples/pytorch-nb201/train.py --arch {arch} --seed {seed}" --out "$out/runs/$method-seed$seed" \
      > "$out/runs/$method-seed$seed.log" 2>&1
  done
done
"$py" - "$out" "$py" <<'PY'
import csv, hashlib, json, os, subprocess, sys, statistics
out, py = sys.argv[1], sys.argv[2]
rows, retrain = [], []
RETRAIN_SEEDS = (101, 102, 103)
done = {}
def again(method, seed, arch):
    if arch not in done:
        res = []
        for s in RETRAIN_SEEDS:
            line = subprocess.run([py, "examples/pytorch-nb201/train.py", "--arch", arch, "--seed", str(s)],
                                  capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
            r = json.loads(line)
            res.append(r)
            retrain.append([method, seed, arch, s, r["valid_acc"], r["test_acc"]])
        done[arch] = res
    res = done[arch]
    return (round(statistics.mean(a["valid_acc"] for a in res), 6), round(statistics.mean(a["test_acc"] for a in res), 6))
for method in ("nasbowl-m", "random"):
    for seed in (0, 1, 2):
        done.clear()
        run = os.path.join(out, "runs", "%s-seed%d" % (method, seed))
        summary = json.load(open(os.path.join(run, "summary.json")))
        best = summary["best"]
        rec = summary.get("recommended") or {"architecture": best["architecture"], "evaluations": 1,
                                              "mean_valid_acc": best["valid_acc"]}
        with open(os.path.join(run, "results.csv")) as f:
            ok = [r for r in csv.DictReader(f) if r["status"] == "ok"]
        valid = [float(r["valid_acc"]) for r in ok]
        b = again(method, seed, best["architecture"])
        c = again(method, seed, rec["architecture"])
        rows.append([method, seed, summary["evaluations"], summary["failed"], len({r["architecture"] for r in ok}),
                     best["architecture"], best["valid_acc"], best["test_acc"], round(statistics.median(valid), 6),
                     b[0], b[1], rec["architecture"], rec["evaluations"], "" if rec.get("mean_valid_acc") is None else round(rec["mean_valid_acc"], 6), c[0], c[1]])
with open(os.path.join(out, "retrain.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["method", "seed", "architecture", "training_seed", "valid_acc", "test_acc"])
    w.writerows(retrain)
with open(os.path.join(out, "summary.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["method", "seed", "evaluations", "failed", "architectures", "best_architecture", "best_valid_acc",
                "best_test_acc", "median_valid_acc", "best_retrained_valid_acc", "best_retrained_test_acc",
                "recommended_architecture", "recommended_evaluations", "recommended_mean_valid_acc",
                "recommended_retrained_valid_acc", "recommended_retrained_test_acc"])
    w.writerows(rows)
import sklearn, torch
commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
train = open("examples/pytorch-nb201/train.py", "rb").read()
json.dump({"command": "examples/pytorch-nb201/compare.sh", "searches": "nasbowl search --space nb201 --method "
           "{nasbowl-m,random} --seed {0,1,2} --budget 40 --parallel 2 --objective-cmd '%s examples/pytorch-nb201/"
           "train.py --arch {arch} --seed {seed}'" % py, "retraining": "train.py --arch {BEST,RECOMMENDED} --seed {101,102,103}", "git_commit": commit,
           "train_py_sha256": hashlib.sha256(train).hexdigest(), "torch": torch.__version__,
           "sklearn": sklearn.__version__, "python": sys.version.split()[0]}, open(os.path.join(out, "provenance.json"), "w"),
          indent=2)
print(open(os.path.join(out, "summary.csv")).read())
PY
# The run directories are kept without their per-evaluation output files.
rm -rf "$out"/runs/*/evals
