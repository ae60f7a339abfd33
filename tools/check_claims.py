"""Quick grounding check for claim files (stand-in until `recon lint` lands)."""
import sys, pathlib, yaml

def squash(s): return " ".join(s.split())
bad = 0
for path in sys.argv[1:]:
    p = pathlib.Path(path)
    data = yaml.safe_load(p.read_text(encoding="utf-8"))
    src = data["source"]
    text = squash((p.parent / src["text"]).read_text(encoding="utf-8"))
    for c in data.get("claims", []):
        q = squash(c["quote"])
        if q not in text:
            bad += 1; print(f"{path}: {c['id']}: quote not in source: {q[:60]}")
        if squash(str(c["value"])) not in q:
            bad += 1; print(f"{path}: {c['id']}: value {c['value']!r} not in quote")
        if c.get("time") and squash(str(c["time"])) not in text:
            bad += 1; print(f"{path}: {c['id']}: time {c['time']!r} not in source text")
print(f"{bad} problems")
sys.exit(1 if bad else 0)
