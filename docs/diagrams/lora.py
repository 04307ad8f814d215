"""LoRA on one linear layer: the frozen pre-trained matrix W in parallel with the trainable low-rank
path B·A (A projects d_in down to r, B projects r back up to d_out), scaled by alpha/r and added."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.patches import Circle, FancyArrowPatch, Polygon, Rectangle

INK, GREY, ACCENT = "#222222", "#555555", "#1f6fb5"


def arrow(ax, start, end, colour=INK):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=13, linewidth=1.3,
                                 color=colour, shrinkA=0, shrinkB=0))


def draw():
    fig, ax = plt.subplots(figsize=(7.5, 5.2))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 7)
    ax.set_aspect("equal")
    ax.axis("off")

    # input and output
    ax.text(4.0, 0.35, r"input $\mathbf{x}$  ($d_{\mathrm{in}}$)", ha="center", va="center", fontsize=12, color=INK)
    ax.text(4.0, 6.7, r"output $\mathbf{h} = W\mathbf{x} + \frac{\alpha}{r}BA\mathbf{x}$", ha="center", va="center",
            fontsize=12, color=INK)

    # frozen W: a large grey square
    ax.add_patch(Rectangle((0.9, 1.5), 3.0, 3.0, facecolor="#e6e6e6", edgecolor=GREY, linewidth=1.6, hatch="//"))
    ax.text(2.4, 3.25, "$W$", ha="center", va="center", fontsize=20, color=INK,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 2})
    ax.text(2.4, 2.55, r"$d_{\mathrm{out}} \times d_{\mathrm{in}}$", ha="center", va="center", fontsize=10, color=INK,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    ax.text(0.9, 4.8, "frozen (pre-trained)", ha="left", va="center", fontsize=10, color=GREY)

    # trainable low-rank path: A narrows d_in -> r, B widens r -> d_out
    ax.add_patch(Polygon([(5.2, 1.5), (8.2, 1.5), (7.2, 2.85), (6.2, 2.85)], closed=True,
                         facecolor=ACCENT, alpha=0.18, edgecolor=ACCENT, linewidth=1.6))
    ax.text(6.7, 2.1, "$A$", ha="center", va="center", fontsize=16, color=ACCENT)
    ax.text(8.45, 2.1, "$r \\times d_{\\mathrm{in}}$\nrandom at start",
            ha="left", va="center", fontsize=9.5, color=ACCENT)
    ax.add_patch(Polygon([(6.2, 3.15), (7.2, 3.15), (8.2, 4.5), (5.2, 4.5)], closed=True,
                         facecolor=ACCENT, alpha=0.18, edgecolor=ACCENT, linewidth=1.6))
    ax.text(6.7, 3.85, "$B$", ha="center", va="center", fontsize=16, color=ACCENT)
    ax.text(8.45, 3.85, "$d_{\\mathrm{out}} \\times r$\nzero at start",
            ha="left", va="center", fontsize=9.5, color=ACCENT)
    ax.text(6.7, 3.0, "rank $r$", ha="center", va="center", fontsize=9, color=ACCENT)
    ax.text(8.2, 4.8, "trainable", ha="right", va="center", fontsize=10, color=ACCENT)

    # arrows from x to both paths, scaling, and the sum
    arrow(ax, (4.0, 0.6), (2.4, 1.45))
    arrow(ax, (4.0, 0.6), (6.7, 1.45))
    arrow(ax, (3.5, 4.55), (3.82, 5.55))
    arrow(ax, (5.7, 4.55), (4.22, 5.62), colour=ACCENT)
    ax.text(5.2, 5.3, r"$\times\,\alpha/r$", ha="left", va="center", fontsize=11, color=ACCENT)
    ax.add_patch(Circle((4.0, 5.75), 0.25, fill=False, edgecolor=INK, linewidth=1.4))
    ax.text(4.0, 5.75, "+", ha="center", va="center", fontsize=14, color=INK)
    arrow(ax, (4.0, 6.0), (4.0, 6.45))
    return fig


if __name__ == "__main__":
    draw()
