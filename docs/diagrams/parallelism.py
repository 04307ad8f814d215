"""Three ways to spread training over two GPUs: data parallelism (a full copy of the model on each
GPU, half the batch each, gradients all-reduced), pipeline parallelism (consecutive layers on
consecutive GPUs, activations passed on) and tensor parallelism (one weight matrix split by columns)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

INK, GREY, ACCENT = "#222222", "#555555", "#1f6fb5"
LAYER_FILL = "#e6e6e6"


def gpu(ax, x, y, w, h, name):
    ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.02,rounding_size=0.1",
                                fill=False, edgecolor=INK, linewidth=1.5))
    ax.text(x + w / 2, y + h - 0.22, name, ha="center", va="center", fontsize=10, color=INK, weight="bold")


def layer(ax, x, y, label, w=1.1, h=0.36, fill=LAYER_FILL):
    ax.add_patch(Rectangle((x, y), w, h, facecolor=fill, edgecolor=GREY, linewidth=1.0))
    ax.text(x + w / 2, y + h / 2, label, ha="center", va="center", fontsize=9, color=INK)


def arrow(ax, start, end, colour=INK, both=False):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="<|-|>" if both else "-|>", mutation_scale=12,
                                 linewidth=1.4, color=colour, shrinkA=0, shrinkB=0))


def draw():
    fig, ax = plt.subplots(figsize=(12, 4.6))
    ax.set_xlim(0, 13.2)
    ax.set_ylim(-0.5, 4.6)
    ax.set_aspect("equal")
    ax.axis("off")

    # --- data parallelism: the whole model on each GPU, half of the batch each
    ax.text(2.05, 4.35, "Data parallelism", ha="center", va="center", fontsize=12, color=INK)
    for k, x in enumerate([0.1, 2.4]):
        gpu(ax, x, 0.55, 1.6, 3.35, f"GPU {k}")
        for i in range(4):
            layer(ax, x + 0.25, 0.8 + 0.58 * i, f"layer {i + 1}")
        ax.text(x + 0.8, 0.2, f"batch half {k + 1}", ha="center", va="center", fontsize=9, color=GREY)
    arrow(ax, (1.75, 2.2), (2.35, 2.2), colour=ACCENT, both=True)
    ax.text(2.05, -0.25, "gradients all-reduced", ha="center", va="center", fontsize=9.5, color=ACCENT)
    ax.plot([2.05, 2.05], [-0.08, 2.05], color=ACCENT, linewidth=0.8, linestyle=":")

    # --- pipeline parallelism: consecutive layers on consecutive GPUs
    ax.text(6.55, 4.35, "Pipeline (model) parallelism", ha="center", va="center", fontsize=12, color=INK)
    for k, x in enumerate([4.6, 6.9]):
        gpu(ax, x, 0.55, 1.6, 3.35, f"GPU {k}")
        for i in range(2):
            layer(ax, x + 0.25, 0.8 + 0.58 * i, f"layer {2 * k + i + 1}")
    ax.text(5.4, 0.2, "micro-batches in", ha="center", va="center", fontsize=9, color=GREY)
    arrow(ax, (5.95, 1.7), (7.1, 0.98), colour=ACCENT)
    ax.text(6.55, -0.25, "activations passed on", ha="center", va="center", fontsize=9.5, color=ACCENT)
    ax.plot([6.55, 6.55], [-0.08, 1.25], color=ACCENT, linewidth=0.8, linestyle=":")

    # --- tensor parallelism: one matrix split by columns
    ax.text(11.05, 4.35, "Tensor parallelism", ha="center", va="center", fontsize=12, color=INK)
    for k, x in enumerate([9.1, 11.4]):
        gpu(ax, x, 0.55, 1.6, 3.35, f"GPU {k}")
        layer(ax, x + 0.25, 0.8, "$X$", fill="white")
        ax.add_patch(Rectangle((x + 0.55, 1.55), 0.5, 1.0, facecolor=LAYER_FILL, edgecolor=GREY, linewidth=1.0))
        ax.text(x + 0.8, 2.05, f"$W_{k + 1}$", ha="center", va="center", fontsize=10, color=INK)
        ax.add_patch(FancyArrowPatch((x + 0.8, 1.16), (x + 0.8, 1.55), arrowstyle="-|>", mutation_scale=10,
                                     linewidth=1.0, color=INK))
        layer(ax, x + 0.25, 2.85, f"$XW_{k + 1}$", fill="white")
        ax.add_patch(FancyArrowPatch((x + 0.8, 2.55), (x + 0.8, 2.85), arrowstyle="-|>", mutation_scale=10,
                                     linewidth=1.0, color=INK))
    ax.text(11.05, 0.2, "$W = [\\,W_1 \\mid W_2\\,]$ split by columns", ha="center", va="center", fontsize=9,
            color=GREY)
    arrow(ax, (10.45, 3.03), (11.65, 3.03), colour=ACCENT, both=True)
    ax.text(11.05, -0.25, "outputs gathered (or summed)", ha="center", va="center", fontsize=9.5, color=ACCENT)
    ax.plot([11.05, 11.05], [-0.08, 2.88], color=ACCENT, linewidth=0.8, linestyle=":")
    return fig


if __name__ == "__main__":
    draw()
