"""Scaled dot-product attention as a data flow: X is projected to Q, K and V; Q and K give the
scores, the softmax turns each row into weights, and the weights average the rows of V."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

INK, GREY, ACCENT = "#222222", "#555555", "#1f6fb5"


def box(ax, x, y, w, h, title, note=None, colour=INK):
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.02,rounding_size=0.08",
                                fill=False, edgecolor=colour, linewidth=1.6))
    if note is None:
        ax.text(x, y, title, ha="center", va="center", fontsize=12, color=colour)
    else:
        ax.text(x, y + 0.17, title, ha="center", va="center", fontsize=12, color=colour)
        ax.text(x, y - 0.2, note, ha="center", va="center", fontsize=8.5, color=GREY)


def arrow(ax, start, end, label=None, offset=(0.0, 0.12), colour=INK):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=13, linewidth=1.3,
                                 color=colour, shrinkA=0, shrinkB=0))
    if label:
        mx, my = (start[0] + end[0]) / 2 + offset[0], (start[1] + end[1]) / 2 + offset[1]
        ax.text(mx, my, label, ha="center", va="bottom", fontsize=10, color=GREY)


def draw():
    fig, ax = plt.subplots(figsize=(11, 3.8))
    ax.set_xlim(0, 13.2)
    ax.set_ylim(0.2, 4.0)
    ax.axis("off")

    box(ax, 0.75, 2.1, 1.2, 0.9, "X", "n tokens")
    for name, y, w, dy in [("Q", 3.35, "$W^Q$", 0.18), ("K", 2.1, "$W^K$", 0.05), ("V", 0.85, "$W^V$", -0.45)]:
        box(ax, 3.2, y, 1.0, 0.7, name)
        arrow(ax, (1.35, 2.1), (2.7, y))
        ax.text(2.15, 2.1 + (y - 2.1) * 0.6 + dy, w, ha="center", va="bottom", fontsize=10, color=GREY)

    box(ax, 5.7, 2.75, 2.0, 1.0, "scores", r"$QK^\top/\sqrt{d_k} + M$")
    arrow(ax, (3.7, 3.35), (4.7, 2.95))
    arrow(ax, (3.7, 2.1), (4.7, 2.55))

    # softmax: the one step in the accent colour, with a small weight matrix whose rows sum to 1
    box(ax, 8.35, 2.75, 2.1, 1.5, "", colour=ACCENT)
    ax.text(8.35, 3.28, "softmax", ha="center", va="center", fontsize=12, color=ACCENT)
    weights = np.array([[1, 0, 0, 0], [0.6, 0.4, 0, 0], [0.2, 0.5, 0.3, 0], [0.1, 0.2, 0.3, 0.4]])
    cell = 0.15
    for i in range(4):
        for j in range(4):
            ax.add_patch(Rectangle((8.05 + j * cell, 3.05 - (i + 1) * cell), cell, cell,
                                   facecolor=ACCENT, alpha=0.1 + 0.85 * weights[i, j],
                                   edgecolor="white", linewidth=0.5))
    ax.text(8.35, 2.25, "each row sums to 1", ha="center", va="center", fontsize=8.5, color=GREY)
    arrow(ax, (6.7, 2.75), (7.3, 2.75))

    box(ax, 10.95, 1.75, 2.2, 1.0, "weighted sum", "$A\\,V$")
    arrow(ax, (9.42, 2.4), (10.2, 2.05))
    ax.text(9.85, 2.3, "A", ha="left", va="bottom", fontsize=10, color=GREY)
    arrow(ax, (3.7, 0.85), (9.85, 1.5))

    arrow(ax, (12.05, 1.75), (12.35, 1.75))
    ax.text(12.4, 1.75, "output\n$n \\times d_v$", ha="left", va="center", fontsize=10, color=INK)
    return fig


if __name__ == "__main__":
    draw()
