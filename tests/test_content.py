"""Every topic page follows the format with real prose, and every seed item is on the site."""

from __future__ import annotations

import json
import re

import pytest

from conftest import REPO, BuildResult
from mlroadmap.graph import build_roadmap
from mlroadmap.load import PhaseRecord, TopicRecord, load_pages, read_docs
from mlroadmap.stats import prose_word_range, prose_words, topic_records

DOCS = REPO / "docs"
TOPICS = topic_records(DOCS)


def test_there_is_a_page_per_seed_topic() -> None:
    seed_pages = {src for src, _ in SEED_TOPICS.values() if src.count("/") == 1 and not src.endswith("/index.md")}
    assert seed_pages <= {record.src for record in TOPICS}
    assert len(TOPICS) >= len(seed_pages)


@pytest.mark.parametrize("record", TOPICS, ids=lambda r: r.src)
def test_topic_page_follows_the_format(record: TopicRecord) -> None:
    _, problems = load_pages([(record.src, (DOCS / record.src).read_bytes())])
    assert problems == []  # includes: sections present and in order, no hand-written generated blocks
    words = prose_words(record.front.body)
    low, high = prose_word_range(record.topic.effort_hours)
    assert low <= words <= high, f"{words} prose words for {record.topic.effort_hours} h: expected {low}-{high}"
    resources = record.topic.resources
    assert len(resources) >= 3
    assert len({r.kind for r in resources}) >= 2, "mix kinds of resources"
    assert any(r.cost.value == "free" for r in resources), "at least one free resource"
    exercises = re.findall(
        r'^\s*\?\?\?\+? (success|question|note|tip) "', record.front.body.split("## Check your understanding")[1], re.M
    )
    assert 2 <= len(exercises) <= 4, "two or three exercises with collapsible answers"


def test_prerequisites_resolve_and_effort_fits_every_phase() -> None:
    records, load_problems = load_pages(read_docs(DOCS))
    assert [str(p) for p in load_problems] == []
    _, problems = build_roadmap(records)
    assert [str(p) for p in problems] == []
    phases = {r.id for r in records if isinstance(r, PhaseRecord)}
    assert len(phases) == len({record.topic.phase for record in TOPICS})  # every phase has topics
    assert phases == {record.topic.phase for record in TOPICS}


# The seed roadmap (../shared/ml-roadmap-seed.md), item by item: where it lives on the site and
# a phrase the page must contain.
SEED_TOPICS = {
    "Numpy": ("foundations/python-for-data.md", "NumPy"),
    "Pandas": ("foundations/python-for-data.md", "Pandas"),
    "Matplotlib": ("foundations/python-for-data.md", "Matplotlib"),
    "Seaborn": ("foundations/python-for-data.md", "Seaborn"),
    "Linear Algebra (Vectors, Matrices)": ("foundations/linear-algebra.md", "matri"),
    "Distributions": ("foundations/probability-statistics.md", "distribution"),
    "Mean, Variance": ("foundations/probability-statistics.md", "variance"),
    "Bayes Theorem": ("foundations/probability-statistics.md", "Bayes"),
    "Calculus (Derivatives, Gradients)": ("foundations/calculus.md", "gradient"),
    "Supervised vs Unsupervised Learning": ("foundations/supervised-vs-unsupervised.md", "unsupervised"),
    "Overfitting, underfitting, bias-variance trade-off": ("foundations/bias-variance.md", "underfitting"),
    "Train-test split, cross-validation": ("foundations/train-test-split-cross-validation.md", "cross-validation"),
    "Linear regression": ("core-ml/linear-regression.md", "least squares"),
    "Polynomial regression": ("core-ml/polynomial-regression.md", "polynomial"),
    "Ridge": ("core-ml/regularised-regression.md", "### Ridge"),
    "Lasso": ("core-ml/regularised-regression.md", "### Lasso"),
    "Logistic Regression": ("core-ml/logistic-regression.md", "sigmoid"),
    "KNN": ("core-ml/k-nearest-neighbours.md", "neighbour"),
    "SVM": ("core-ml/support-vector-machines.md", "margin"),
    "Naive Bayes": ("core-ml/naive-bayes.md", "independen"),
    "Decision Trees": ("core-ml/decision-trees.md", "split"),
    "Random Forest": ("core-ml/random-forest.md", "bagging"),
    "K-Means": ("core-ml/k-means.md", "centroid"),
    "DBSCAN": ("core-ml/dbscan.md", "density"),
    "Hierarchical": ("core-ml/hierarchical-clustering.md", "dendrogram"),
    "Confusion Matrix": ("core-ml/model-evaluation.md", "### Confusion matrix"),
    "Accuracy": ("core-ml/model-evaluation.md", "### Accuracy"),
    "Precision": ("core-ml/model-evaluation.md", "Precision"),
    "Recall": ("core-ml/model-evaluation.md", "Recall"),
    "F1 Score": ("core-ml/model-evaluation.md", "F1"),
    "ROC-AUC": ("core-ml/model-evaluation.md", "ROC"),
    "Neural Networks: architecture, activation functions, backpropagation": (
        "deep-learning/neural-networks.md",
        "backpropagation",
    ),
    "CNNs": ("deep-learning/cnns.md", "convolution"),
    "RNNs, LSTMs": ("deep-learning/rnns-lstms.md", "LSTM"),
    "Regularization, Dropout": ("deep-learning/regularization-dropout.md", "dropout"),
    "Optimizers: SGD, Adam": ("deep-learning/optimizers.md", "Adam"),
    "TensorFlow/Keras or PyTorch": ("deep-learning/deep-learning-frameworks.md", "PyTorch"),
    "Feature Engineering & Selection": ("advanced-ml/feature-engineering.md", "selection"),
    "Gradient Boosting": ("advanced-ml/gradient-boosting.md", "gradient boosting"),
    "XGBoost": ("advanced-ml/gradient-boosting.md", "XGBoost"),
    "LightGBM": ("advanced-ml/gradient-boosting.md", "LightGBM"),
    "Time Series Forecasting": ("advanced-ml/time-series-forecasting.md", "forecast"),
    "Recommendation Systems": ("advanced-ml/recommendation-systems.md", "collaborative filtering"),
    "PCA": ("advanced-ml/dimensionality-reduction.md", "PCA"),
    "t-SNE": ("advanced-ml/dimensionality-reduction.md", "t-SNE"),
    "GridSearch, RandomSearch, Optuna": ("advanced-ml/hyperparameter-tuning.md", "Optuna"),
    "NLP (Transformers, BERT, GPT)": ("specialization/nlp-transformers.md", "BERT"),
    "Computer Vision (YOLO, Mask R-CNN)": ("specialization/computer-vision.md", "Mask R-CNN"),
    "Reinforcement Learning (Q-learning, Deep Q Networks)": ("specialization/reinforcement-learning.md", "Q-learning"),
    "Generative AI (GANs, VAEs)": ("specialization/generative-ai.md", "VAE"),
    "ML Ops and deployment": ("specialization/mlops-deployment.md", "deploy"),
    # Practice ideas and projects.
    "Kaggle: Titanic, Iris, House Price": ("foundations/index.md", "House Prices"),
    "Google Colab or Jupyter Notebooks": ("foundations/notebooks-and-colab.md", "Colab"),
    "Implement models from scratch": ("core-ml/index.md", "from scratch"),
    "Medium blogs or LinkedIn posts": ("core-ml/index.md", "LinkedIn"),
    "Digit classifier using MNIST": ("deep-learning/index.md", "MNIST"),
    "Image classification on CIFAR-10": ("deep-learning/index.md", "CIFAR-10"),
    "Kaggle competitions seriously": ("advanced-ml/index.md", "Kaggle"),
    "Real-world datasets (finance, healthcare)": ("advanced-ml/index.md", "healthcare"),
    "End-to-end ML pipeline with Flask or FastAPI": ("practice-projects.md", "FastAPI"),
    "AI-powered web app (Streamlit or React)": ("practice-projects.md", "Streamlit"),
    "Contribute to open-source ML projects": ("practice-projects.md", "open-source"),
    # Tips.
    "Set weekly learning goals": ("tips.md", "weekly"),
    "Join communities: Kaggle, Discord, Reddit": ("tips.md", "Discord"),
    "Document your learning": ("tips.md", "GitHub"),
    "Present your projects": ("tips.md", "present"),
    "Stay curious and consistent": ("tips.md", "consisten"),
    "A Notion or Trello board": ("boards.md", "Trello"),
}

SEED_RESOURCES = {
    "freeCodeCamp Python Course": "https://www.youtube.com/watch?v=rfscVS0vtbw",
    "3Blue1Brown's Essence of Linear Algebra": "https://www.youtube.com/watch?v=fNk_zzaMoSs",
    "Andrew Ng's Machine Learning course on Coursera": "https://www.coursera.org/learn/machine-learning",
    "Khan Academy": "khanacademy.org",
    "Hands-On ML (Géron)": "hands-on-machine-learning",
    "Krish Naik": "@krishnaik06",
    "StatQuest": "@statquest",
    "Sentdex": "@sentdex",
    "DeepLearning.AI TensorFlow Developer": "tensorflow-in-practice",
    "Deep Learning with Python (Chollet)": "deep-learning-with-python",
    "deeplizard": "@deeplizard",
    "Yannic Kilcher": "@YannicKilcher",
}


@pytest.mark.parametrize("item", sorted(SEED_TOPICS))
def test_seed_item_is_covered(item: str) -> None:
    src, phrase = SEED_TOPICS[item]
    text = (DOCS / src).read_text(encoding="utf-8")
    assert phrase.lower() in text.lower(), f"{item!r}: {src} does not mention {phrase!r}"


def test_every_seed_item_is_reachable_from_the_roadmap_index(real_site: BuildResult) -> None:
    index = real_site.html("roadmap/")
    data = json.loads((real_site.site_dir / "roadmap.json").read_text(encoding="utf-8"))
    linked = {t["url"] for p in data["phases"] for t in p["topics"]} | {p["url"] for p in data["phases"]}
    for item, (src, _) in SEED_TOPICS.items():
        url = src.removesuffix(".md").removesuffix("index") + ("" if src.endswith("index.md") else "/")
        assert url in linked or f'href="../{url}"' in index, f"{item!r} ({url}) is not linked from the roadmap index"


def test_every_seed_resource_is_on_the_site(real_site: BuildResult) -> None:
    data = json.loads((real_site.site_dir / "roadmap.json").read_text(encoding="utf-8"))
    urls = [r["url"] for p in data["phases"] for r in p["resources"]]
    urls += [r["url"] for p in data["phases"] for t in p["topics"] for r in t["resources"]]
    for name, fragment in SEED_RESOURCES.items():
        assert any(fragment in url for url in urls), name


def test_the_downloads_are_linked_from_the_home_page() -> None:
    home = (DOCS / "index.md").read_text(encoding="utf-8")
    assert "(boards.md)" in home
    boards = (DOCS / "boards.md").read_text(encoding="utf-8")
    for name in (
        "downloads/ml-roadmap.csv",
        "downloads/ml-roadmap-notion.md",
        "downloads/ml-roadmap-trello.txt",
        "roadmap.json",
    ):
        assert name in boards


def test_prose_range_grows_with_effort_and_the_guide_states_it() -> None:
    ranges = [prose_word_range(hours) for hours in (1, 5, 10, 40, 200)]
    assert all(low < high for low, high in ranges)
    assert ranges == sorted(ranges)  # more hours, more words at both ends
    assert len({low for low, _ in ranges}) == len(ranges)
    guide = (DOCS / "contributing" / "index.md").read_text(encoding="utf-8")
    for hours in (5, 40):
        low, high = prose_word_range(hours)
        assert f"{hours}-hour topic: {low:,}-{high:,} words" in guide


def test_stats_count_prose_not_code() -> None:
    assert prose_words("Two words.\n\n```python\nnot counted at all\n```\n\n$$\nx = y\n$$\n") == 2
