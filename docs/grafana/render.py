#!/usr/bin/env python3
"""Renders docs/grafana/peershare-dashboard.json's panels from a real Prometheus, as Grafana would lay them out.

Grafana is not packaged for Debian, so the screenshot in docs/operations.md is made this way: the same queries,
against the same Prometheus, drawn with matplotlib on the dashboard's own grid.

    python3 docs/grafana/render.py http://127.0.0.1:9090 START END OUT.png
(START and END in Unix seconds.)
"""
import json
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

DASHBOARD = Path(__file__).with_name("peershare-dashboard.json")
UNIT_SCALE = {"s": (1e3, "ms"), "bytes": (1 / 1048576, "MiB"), "ops": (1, "/s"), "short": (1, ""), "bool_yes_no": (1, ""),
              "percentunit": (100, "%")}


def query(prometheus, expr, start, end, step):
    expr = expr.replace('instance=~"$instance"', 'instance=~".*"').replace("$instance", ".*")
    url = prometheus + "/api/v1/query_range?" + urllib.parse.urlencode(
        {"query": expr, "start": start, "end": end, "step": step})
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.load(r)["data"]["result"]


def legend(fmt, labels):
    out = fmt
    for k, v in labels.items():
        out = out.replace("{{" + k + "}}", v)
    return out.replace("{{instance}}", "").strip() or "value"


def main():
    prometheus, start, end, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    step = max(1, (end - start) // 240)
    dash = json.loads(DASHBOARD.read_text())
    rows = max(p["gridPos"]["y"] + p["gridPos"]["h"] for p in dash["panels"])
    fig = plt.figure(figsize=(24, rows * 0.62), facecolor="#111217")
    for panel in dash["panels"]:
        g = panel["gridPos"]
        ax = fig.add_axes([g["x"] / 24 + 0.004, 1 - (g["y"] + g["h"]) / rows + 0.012,
                           g["w"] / 24 - 0.008, g["h"] / rows - 0.03], facecolor="#181b1f")
        unit = panel.get("fieldConfig", {}).get("defaults", {}).get("unit", "short")
        scale, suffix = UNIT_SCALE.get(unit, (1, ""))
        ax.set_title(panel["title"], color="#ccccdc", fontsize=11, loc="left")
        for spine in ax.spines.values():
            spine.set_color("#2c3235")
        ax.tick_params(colors="#8e8e8e", labelsize=8)
        if panel["type"] == "stat":
            result = query(prometheus, panel["targets"][0]["expr"], end - 60, end, 15)
            values = [float(v) for s in result for _, v in s["values"] if v not in ("NaN", "+Inf")]
            last = values[-1] * scale if values else float("nan")
            text = ("yes" if last >= 1 else "no") if unit == "bool_yes_no" else f"{last:,.3g} {suffix}".strip()
            ax.text(0.5, 0.4, text, color="#73bf69", fontsize=26, ha="center", va="center", transform=ax.transAxes)
            ax.set_xticks([])
            ax.set_yticks([])
            continue
        for target in panel["targets"]:
            for series in query(prometheus, target["expr"], start, end, step):
                xs = [(float(t) - start) / 60 for t, v in series["values"] if v not in ("NaN", "+Inf")]
                ys = [float(v) * scale for t, v in series["values"] if v not in ("NaN", "+Inf")]
                if xs:
                    ax.plot(xs, ys, linewidth=1.6, label=legend(target.get("legendFormat", ""), series["metric"]))
        ax.set_xlabel("minutes", color="#8e8e8e", fontsize=8)
        if suffix:
            ax.set_ylabel(suffix, color="#8e8e8e", fontsize=8)
        ax.grid(color="#2c3235", linewidth=0.5)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=7, facecolor="#181b1f", edgecolor="#2c3235", labelcolor="#ccccdc", loc="upper left")
    fig.savefig(out, dpi=60, facecolor=fig.get_facecolor())


if __name__ == "__main__":
    main()
