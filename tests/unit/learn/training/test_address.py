"""The Training page's address: which values it uses, and a plain note for any other."""

import pytest

from learn.training.address import DEFAULTS, STAGES, address_notes, allowed

SHOWN = {"seed": 0, "row": 1, "stage": "Forward", "steps": 0}


@pytest.mark.parametrize("key,text", [("seed", "0"), ("seed", "2147483647"), ("row", "1"),
                                      ("row", "9"), ("steps", "50"), ("stage", "Update")])
def test_values_the_page_uses(key, text):
    assert allowed(key, text)
    assert address_notes({key: text}, SHOWN) == []


@pytest.mark.parametrize("key,text", [
    ("seed", "-1"), ("seed", "2147483648"), ("seed", "1.5"), ("seed", "x"), ("seed", ""),
    ("seed", "1e3"), ("row", "0"), ("row", "10"), ("row", " 3"), ("steps", "51"),
    ("steps", "2.5"), ("stage", "forward"), ("stage", "<script>"), ("seed", "9" * 400)])
def test_values_it_cannot_use_get_one_plain_note_each(key, text):
    assert not allowed(key, text)
    notes = address_notes({key: text, "other": "x"}, SHOWN)
    assert len(notes) == 1
    assert notes[0].startswith(f"The link asked for {key} “")
    assert f"The page shows {key} {SHOWN[key]} instead." in notes[0]


def test_notes_escape_visitor_text_and_cut_it_short():
    note = address_notes({"stage": "[x](javascript:alert(1))" + "a" * 100}, SHOWN)[0]
    assert "\\[x\\]\\(javascript\\:alert\\(1\\)\\)" in note and "…" in note
    assert "<" not in address_notes({"row": "<b>"}, SHOWN)[0].replace("\\<", "")


def test_defaults_are_allowed_and_the_stages_are_in_order():
    assert STAGES == ("Forward", "Loss", "Backward", "Update")
    for key, value in DEFAULTS.items():
        assert allowed(key, str(value))
    with pytest.raises(KeyError, match="Known"):
        allowed("colour", "red")
