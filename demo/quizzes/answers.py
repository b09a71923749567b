"""The full-marks response to any demo question, worked out from its stored data.

Used by the demo loader to give the demo learner a completed course, and by the tests.
"""

from decimal import Decimal


def _centroid(points) -> dict:
    xs = [Decimal(str(x)) for x, _ in points]
    ys = [Decimal(str(y)) for _, y in points]
    return {"x": str(sum(xs) / len(xs)), "y": str(sum(ys) / len(ys))}


def right_answer(qtype: str, data: dict):
    if qtype == "single_choice":
        fractions = [Decimal(c["fraction"]) for c in data["choices"]]
        return fractions.index(max(fractions))
    if qtype == "multiple_response":
        return [i for i, c in enumerate(data["choices"]) if Decimal(c["fraction"]) > 0]
    if qtype == "true_false":
        return data["correct"]
    if qtype == "short_answer":
        best = next(a for a in data["answers"] if Decimal(a["fraction"]) == 1)
        return best["text"].replace("*", "")
    if qtype == "numerical":
        return str(next(a for a in data["answers"] if Decimal(a["fraction"]) == 1)["value"])
    if qtype == "matching":
        return {str(i): p["answer"] for i, p in enumerate(data["pairs"]) if p["question"].strip()}
    if qtype == "ordering":
        return list(range(len(data["items"])))
    if qtype == "hotspot":
        region = max(data["regions"], key=lambda r: Decimal(r["fraction"]))
        if region["shape"] == "circle":
            return {"x": str(region["cx"]), "y": str(region["cy"])}
        return _centroid(region["points"])
    raise ValueError(qtype)
