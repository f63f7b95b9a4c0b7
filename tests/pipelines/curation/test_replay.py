"""Replay of theme edits and the rule of each lineage case (continued, merged, split, died)."""

from __future__ import annotations

from collections.abc import Sequence

from pipelines.curation import (
    CURATED_ID_BASE,
    Edit,
    LineageEvent,
    SplitPart,
    TopicModelInfo,
    replay,
    successors,
)


def model(
    model_id: str,
    sizes: dict[int, int],
    events: Sequence[tuple[str, int, tuple[int, ...]]] = (),
) -> TopicModelInfo:
    return TopicModelInfo(
        model_id=model_id,
        topic_ids=frozenset(sizes),
        labels={t: f"modello {t}" for t in sizes},
        sizes=sizes,
        events=tuple(LineageEvent(e, t, r) for e, t, r in events),
    )


M1 = model("topics:1", {1: 50, 2: 30, 3: 20, 4: 10})


def edit(seq: int, kind: str, ids: Sequence[int], on: str = "topics:1", **payload: object) -> Edit:
    return Edit(f"e{seq}", kind, tuple(ids), dict(payload), on, "giulia", None, seq)


def themes(result: object) -> dict[int, object]:
    return {t.theme_id: t for t in result.themes}  # type: ignore[attr-defined]


def test_edits_apply_in_order_and_undo_is_exact() -> None:
    log = [
        edit(1, "rename", [1], name="Bollette"),
        edit(2, "rename", [1], name="Bollette doppie"),
        edit(3, "hide", [4]),
        edit(4, "map", [2], category_id="consegne"),
    ]
    got = themes(replay(log, [M1]))
    assert got[1].label == "Bollette doppie" and got[1].edit_ids == ("e2",)
    assert got[4].hidden and got[4].label == "modello 4"
    assert got[2].category_id == "consegne" and not got[2].hidden
    undone = [log[0], Edit(**{**log[1].__dict__, "undone": True}), *log[2:]]
    assert themes(replay(undone, [M1]))[1].label == "Bollette"


def test_merge_groups_units_and_edits_of_a_member_reach_the_group() -> None:
    log = [
        edit(1, "rename", [2], name="Consegne"),
        edit(2, "merge", [2, 3], name=None),
        edit(3, "hide", [3]),  # a member's id edits the merged theme
    ]
    result = replay(log, [M1])
    group = themes(result)[2]
    assert group.origin == "unione" and group.unit_ids == (2, 3)
    assert group.label == "Consegne" and group.hidden
    assert result.members == {3: 2}
    # Merging a merged theme with another theme makes one group, first id first.
    again = replay([*log, edit(4, "merge", [1, 3], name="Tutto")], [M1])
    assert themes(again)[1].unit_ids == (1, 2, 3) and again.members == {2: 1, 3: 1}


def test_split_parts_get_curated_ids_and_inherit_the_theme_flags() -> None:
    parts = [SplitPart("Rimborsi", ("rimbors*",), (), CURATED_ID_BASE).as_json(),
             SplitPart("Doppie", ("doppi*",), (), CURATED_ID_BASE + 1).as_json()]  # fmt: skip
    log = [edit(1, "map", [1], category_id="fatturazione"), edit(2, "split", [1], parts=parts)]
    result = replay(log, [M1])
    got = themes(result)
    assert got[CURATED_ID_BASE].label == "Rimborsi" and got[CURATED_ID_BASE].origin == "divisione"
    assert got[CURATED_ID_BASE].parent_topic_id == 1
    assert got[CURATED_ID_BASE + 1].category_id == "fatturazione"
    assert [s.topics for s in result.splits] == [[1]]


# --------------------------------------------------------------------------- lineage cases


def test_successors_read_each_lineage_case() -> None:
    new = model(
        "topics:2",
        {1: 60, 2: 20, 5: 12, 6: 9},
        [("continued", 1, (1,)), ("merged", 1, (1, 3)), ("continued", 2, (2,)),
         ("split", 2, (2, 5, 6)), ("died", 4, ())],
    )  # fmt: skip
    succ = successors(M1, new)
    assert (succ[1].case, succ[1].ids) == ("continued", (1,))
    assert (succ[3].case, succ[3].ids) == ("merged", (1,))
    assert (succ[2].case, succ[2].ids) == ("split", (2, 5, 6))  # the topic itself first
    assert (succ[4].case, succ[4].ids) == ("died", ())


def test_continued_keeps_every_edit() -> None:
    log = [edit(1, "rename", [1], name="Bollette"), edit(2, "merge", [2, 3], name="Consegne"),
           edit(3, "hide", [4])]  # fmt: skip
    new = model("topics:2", {1: 50, 2: 30, 3: 20, 4: 10},
                [("continued", t, (t,)) for t in (1, 2, 3, 4)])  # fmt: skip
    result = replay(log, [M1, new])
    got = themes(result)
    assert got[1].label == "Bollette" and got[2].unit_ids == (2, 3) and got[4].hidden
    assert result.review == [] and result.model_id == "topics:2"


def test_merged_by_the_model_keeps_the_largest_parents_name_and_lists_the_other() -> None:
    log = [edit(1, "rename", [1], name="Bollette"), edit(2, "rename", [3], name="Conguagli")]
    new = model("topics:2", {1: 70, 2: 30, 4: 10},
                [("continued", 1, (1,)), ("merged", 1, (1, 3))])  # fmt: skip
    result = replay(log, [M1, new])
    assert themes(result)[1].label == "Bollette"
    (item,) = result.review
    assert (item.edit_id, item.topic_id, item.lineage) == ("e2", 1, "merged")
    assert "Conguagli" in item.message and item.topic_model == "topics:2"


def test_merged_into_an_uncurated_larger_topic_carries_no_name_and_lists_it() -> None:
    new = model("topics:2", {1: 70, 2: 30, 4: 10},
                [("continued", 1, (1,)), ("merged", 1, (1, 3))])  # fmt: skip
    result = replay([edit(1, "rename", [3], name="Conguagli")], [M1, new])
    assert 1 not in themes(result)  # the larger parent's model label stays
    assert [(r.edit_id, r.lineage) for r in result.review] == [("e1", "merged")]


def test_merged_hidden_only_if_every_parent_was_hidden() -> None:
    new = model("topics:2", {1: 70, 2: 30, 4: 10},
                [("continued", 1, (1,)), ("merged", 1, (1, 3))])  # fmt: skip
    one = replay([edit(1, "hide", [3])], [M1, new])
    assert 1 not in themes(one) and [r.lineage for r in one.review] == ["merged"]
    both = replay([edit(1, "hide", [3]), edit(2, "hide", [1])], [M1, new])
    assert themes(both)[1].hidden and both.review == []


def test_split_by_the_model_gives_the_name_to_the_head_and_lists_the_other_children() -> None:
    log = [edit(1, "rename", [2], name="Consegne"), edit(2, "map", [2], category_id="logistica")]
    new = model("topics:2", {1: 50, 3: 20, 4: 10, 7: 14, 8: 16},
                [("split", 2, (7, 8))])  # fmt: skip
    result = replay(log, [M1, new])
    got = themes(result)
    assert got[8].label == "Consegne"  # the largest child (2 did not continue)
    assert got[7].label == "modello 7" and got[7].category_id == "logistica"
    assert got[8].category_id == "logistica"
    assert [(r.edit_id, r.topic_id, r.lineage) for r in result.review] == [("e1", 7, "split")]
    # Renaming the listed child is looking at it: the item leaves the list.
    fixed = replay([*log, edit(3, "rename", [7], on="topics:2", name="Ritiri")], [M1, new])
    assert fixed.review == []


def test_died_lists_every_edit_of_the_topic() -> None:
    log = [edit(1, "rename", [4], name="Rumore"), edit(2, "hide", [4])]
    new = model("topics:2", {1: 50, 2: 30, 3: 20}, [("died", 4, ())])
    result = replay(log, [M1, new])
    assert 4 not in themes(result)
    assert sorted((r.edit_id, r.lineage) for r in result.review) == [("e1", "died"), ("e2", "died")]


def test_groups_follow_their_members_through_a_refit() -> None:
    log = [edit(1, "merge", [3, 2, 4], name="Logistica")]
    new = model("topics:2", {1: 50, 2: 25, 4: 10, 9: 6, 10: 8},
                [("split", 2, (2, 9)), ("died", 3, ())])  # fmt: skip
    result = replay(log, [M1, new])
    group = themes(result)[2]  # canonical 3 died: the smallest surviving member gives the id
    assert group.label == "Logistica" and group.unit_ids == (2, 4, 9)  # split children stay
    assert [(r.topic_id, r.lineage) for r in result.review] == [(3, "died")]
    # A member merged by the model into a topic outside the group leaves it (listed).
    out = model("topics:3", {1: 60, 2: 25, 9: 6, 10: 8}, [("merged", 1, (1, 4))])
    later = replay(log, [M1, new, out])
    assert themes(later)[2].unit_ids == (2, 9)
    assert ("e1", 1, "merged") in {(r.edit_id, r.topic_id, r.lineage) for r in later.review}


def test_a_group_left_with_one_member_becomes_that_theme() -> None:
    log = [edit(1, "merge", [2, 3], name="Logistica")]
    new = model("topics:2", {1: 50, 2: 30, 4: 10}, [("died", 3, ())])
    result = replay(log, [M1, new])
    only = themes(result)[2]
    assert only.label == "Logistica" and only.origin == "modello"
    assert {r.lineage for r in result.review} == {"merged", "died"}


def test_split_rules_follow_the_documents_and_are_listed_when_their_topic_goes() -> None:
    parts = [SplitPart("Rimborsi", ("rimbors*",), (), CURATED_ID_BASE).as_json()]
    log = [edit(1, "split", [2], parts=parts)]
    split_again = model("topics:2", {1: 50, 3: 20, 4: 10, 7: 14, 8: 16}, [("split", 2, (7, 8))])
    result = replay(log, [M1, split_again])
    assert [s.topics for s in result.splits] == [[8, 7]] and result.review == []
    assert themes(result)[CURATED_ID_BASE].label == "Rimborsi"
    merged = model("topics:2", {1: 80, 3: 20, 4: 10}, [("merged", 1, (1, 2))])
    gone = replay(log, [M1, merged])
    assert gone.splits == [] and CURATED_ID_BASE not in themes(gone)
    assert {(r.topic_id, r.lineage) for r in gone.review} == {
        (1, "merged"), (CURATED_ID_BASE, "died"),
    }  # fmt: skip


def test_an_edit_queued_on_the_old_model_travels_through_the_refit() -> None:
    # Made on topics:1 while the refit ran, applied after it: it lands on topics:1 first.
    late = Edit("e9", "rename", (3,), {"name": "Conguagli"}, "topics:1", "g", None, 9)
    new = model("topics:2", {1: 70, 2: 30, 3: 20, 4: 10},
                [("continued", t, (t,)) for t in (1, 2, 3, 4)])  # fmt: skip
    assert themes(replay([late], [M1, new]))[3].label == "Conguagli"
    # An edit about a topic the model does not have is listed, not applied.
    ghost = Edit("e10", "rename", (42,), {"name": "X"}, "topics:2", "g", None, 10)
    result = replay([ghost], [M1, new])
    assert result.themes == [] and [r.lineage for r in result.review] == ["died"]
