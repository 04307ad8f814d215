"""Fine-tuning and retrieval-augmented generation side by side: fine-tuning changes the model's
weights once, offline; RAG leaves the model frozen and changes its prompt for every question."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

INK, GREY, ACCENT = "#222222", "#555555", "#1f6fb5"


def box(ax, x, y, text, w=2.1, h=0.8, colour=INK, bold=False):
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.02,rounding_size=0.1",
                                fill=False, edgecolor=colour, linewidth=2.2 if bold else 1.4))
    ax.text(x, y, text, ha="center", va="center", fontsize=10, color=colour)


def arrow(ax, start, end, label=None, where=(0, 0), colour=INK, ha="center"):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12, linewidth=1.3,
                                 color=colour, shrinkA=0, shrinkB=0))
    if label:
        ax.text(where[0], where[1], label, ha=ha, va="center", fontsize=9, color=GREY)


def draw():
    fig, ax = plt.subplots(figsize=(11.5, 5.2))
    ax.set_xlim(0, 11.6)
    ax.set_ylim(0.1, 5.3)
    ax.set_aspect("equal")
    ax.axis("off")

    # --- A: fine-tuning changes the weights
    ax.text(2.6, 5.0, "A. Fine-tuning: change the weights", ha="center", va="center", fontsize=12, color=INK)
    box(ax, 1.3, 4.0, "task examples\n(input, output)")
    box(ax, 3.9, 4.0, "training\n(gradient steps)")
    arrow(ax, (2.35, 4.0), (2.85, 4.0))
    box(ax, 1.3, 2.4, "question")
    box(ax, 3.9, 2.4, "fine-tuned model", colour=ACCENT, bold=True)
    arrow(ax, (3.9, 3.6), (3.9, 2.8), "new weights", where=(4.0, 3.2), ha="left")
    arrow(ax, (2.35, 2.4), (2.85, 2.4))
    box(ax, 3.9, 0.8, "answer")
    arrow(ax, (3.9, 2.0), (3.9, 1.2))
    ax.text(1.3, 1.05, "offline, once per task:\nknowledge frozen into\nthe weights", ha="center", va="center",
            fontsize=9, color=GREY)

    ax.plot([5.55, 5.55], [0.3, 5.2], color=GREY, linewidth=0.8, linestyle="--")

    # --- B: RAG changes the prompt
    ax.text(8.85, 5.0, "B. RAG: change the prompt", ha="center", va="center", fontsize=12, color=INK)
    box(ax, 7.0, 4.0, "documents")
    box(ax, 10.3, 4.0, "vector index")
    arrow(ax, (8.05, 4.0), (9.25, 4.0), "embed once", where=(8.65, 4.2))
    box(ax, 7.0, 2.4, "question")
    box(ax, 10.3, 2.4, "prompt: question\n+ top passages", w=2.3, colour=ACCENT, bold=True)
    arrow(ax, (7.7, 2.8), (9.4, 3.6), "search", where=(8.35, 3.4), ha="right")
    arrow(ax, (10.3, 3.6), (10.3, 2.8), "top k", where=(10.4, 3.2), ha="left")
    arrow(ax, (8.05, 2.4), (9.15, 2.4))
    box(ax, 10.3, 0.8, "frozen model")
    arrow(ax, (10.3, 2.0), (10.3, 1.2))
    box(ax, 7.0, 0.8, "answer\n+ sources")
    arrow(ax, (9.25, 0.8), (8.05, 0.8))
    return fig


if __name__ == "__main__":
    draw()
