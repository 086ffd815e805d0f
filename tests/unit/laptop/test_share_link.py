"""The share link: query parameters pink and small, read without Streamlit."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laptop.share_link import DEFAULT_LAPTOP, laptop_params, read_laptop, share_query


def test_no_params_gives_the_default_laptop_without_notes():
    shared = read_laptop({})
    assert (shared.pink, shared.small) == DEFAULT_LAPTOP
    assert shared.notes == () and not shared.from_link


def test_valid_params_are_read():
    shared = read_laptop({"pink": "0.3", "small": "1"})
    assert (shared.pink, shared.small, shared.from_link) == (0.3, 1.0, True)
    assert read_laptop({"pink": ["0.9", "0.2"]}).pink == 0.2  # repeated key: the last wins
    assert read_laptop({"pink": ["0.9", "0.2", "0.4"]}).pink == 0.4
    only_small = read_laptop({"small": "0.3"})  # pink missing: its default, small still read
    assert (only_small.pink, only_small.small) == (DEFAULT_LAPTOP[0], 0.3)


@pytest.mark.parametrize("bad", ["abc", "1.5", "-0.1", "nan", "inf", "", " ", "1e400",
                                 "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
                                 "0." + "1" * 100])
def test_bad_values_fall_back_with_a_note_that_does_not_echo_them(bad):
    shared = read_laptop({"pink": bad, "small": "0.7"})
    assert shared.pink == DEFAULT_LAPTOP[0] and shared.small == 0.7
    if bad.strip():
        assert len(shared.notes) == 1 and "how pink" in shared.notes[0]
        assert bad.strip() not in shared.notes[0]


def test_values_are_rounded_to_slider_steps_and_written_short():
    assert read_laptop({"pink": "0.123"}).pink == 0.12
    assert laptop_params(0.1, 0.6) == {"pink": "0.1", "small": "0.6"}
    assert laptop_params(1.0, 0.0) == {"pink": "1", "small": "0"}
    assert share_query(0.25, 0.5) == "pink=0.25&small=0.5"


@given(st.floats(0, 1), st.floats(0, 1))
def test_writing_then_reading_gives_the_laptop_back(pink, small):
    shared = read_laptop(laptop_params(pink, small))
    assert shared.notes == ()
    assert abs(shared.pink - pink) <= 0.005 + 1e-12 and abs(shared.small - small) <= 0.005 + 1e-12


@given(st.text(max_size=40))
def test_any_text_never_raises(text):
    shared = read_laptop({"pink": text, "small": text})
    assert 0 <= shared.pink <= 1 and 0 <= shared.small <= 1


def test_table_in_a_link_round_trips_at_hundredths():
    from laptop.data import check_table, tutorial_table
    from laptop.share_link import decode_table, encode_table

    check = check_table(tutorial_table())
    text = encode_table(check.x, check.y)
    assert text.startswith("10-10-0_30-30-0_50-60-1")
    assert len(text) == 71
    x, y = decode_table(text)
    assert y == check.y.tolist()
    assert [list(r) for r in x] == check.x.tolist()


@pytest.mark.parametrize("bad", ["", "10-10", "10-10-2", "101-0-1", "a-b-c",
                                 "<img src=x onerror=alert(1)>", "1-1-1_" * 301 + "1-1-1",
                                 "10.123456-1-1", "1e2-1-1", "nan-1-1", "100.5-0-1", "-1-10-1",
                                 "[x](javascript:alert(1))"])
def test_unreadable_table_links_raise_plain_words(bad):
    from laptop.share_link import decode_table

    with pytest.raises(ValueError) as info:
        decode_table(bad)
    assert "<" not in str(info.value) and "javascript" not in str(info.value)


def test_settings_in_a_link_round_trip_and_skip_bad_fields():
    from laptop.recipe import RECIPE, Settings
    from laptop.share_link import decode_settings, encode_settings

    text = encode_settings(RECIPE.to_dict())
    assert text == "h3~arelu~lr0.1~e20~b32~iglorot_normal~v0.1~s0"
    assert Settings(**decode_settings(text)) == RECIPE
    partial = decode_settings("h5~lrnan~a<script>~e~s7")
    assert partial == {"hidden_units": 5, "seed": 7}


def test_values_between_hundredths_survive_the_link_exactly():
    from laptop.share_link import decode_table, encode_table

    x = [(0.125, 0.3333), (0.0, 1.0), (0.07, 0.999999)]
    text = encode_table(x, [1, 0, 1])
    assert text == "12.5-33.33-1_0-100-0_7-99.9999-1"
    assert decode_table(text) == (x, [1, 0, 1])


def test_tables_too_long_for_a_link_are_left_out():
    from laptop.share_link import MAX_LINK_CHARS, MAX_LINK_ROWS, decode_table, table_link_text

    x, y = [(0.5, 0.5)] * MAX_LINK_ROWS, [1] * MAX_LINK_ROWS
    text = table_link_text(x, y)
    assert text is not None and len(decode_table(text)[1]) == MAX_LINK_ROWS
    assert table_link_text(x + [(0.5, 0.5)], y + [0]) is None
    longest = table_link_text([(0.123456, 0.654321)] * MAX_LINK_ROWS, y)  # 18 chars a row
    assert longest is not None and len(longest) <= MAX_LINK_CHARS


def test_a_whole_page_round_trips_through_its_params():
    from dataclasses import replace

    from laptop.recipe import RECIPE
    from laptop.share_link import page_params, read_page

    settings = replace(RECIPE, hidden_units=6, activation="leaky_relu", learning_rate=0.03,
                       epochs=40, batch_size=4, initializer="he_normal",
                       validation_split=0.25, seed=123456)
    x, y = [(0.1, 0.2), (0.9, 0.8), (0.5, 0.55)], [0, 1, 1]
    params = page_params(x, y, settings, 0.35, 0.7)
    shared = read_page(params)
    assert shared.notes == () and shared.from_link
    assert (list(shared.x), list(shared.y)) == (x, y)
    assert shared.settings == settings
    assert (shared.laptop.pink, shared.laptop.small) == (0.35, 0.7)


def test_an_empty_address_is_the_tutorials_page_without_notes():
    from laptop.recipe import RECIPE
    from laptop.share_link import read_page

    shared = read_page({})
    assert shared.x is None and shared.settings == RECIPE and shared.notes == ()
    assert not shared.from_link


@pytest.mark.parametrize("model, words", [
    ("h3~arelu~lr0.2~e20~b32~iglorot_normal~v0.1~s0", "the learning rate"),  # not offered
    ("h3~arelu~lr0.1~e20~b32~iglorot_normal~v0.12~s0", "validation"),  # off the slider's steps
    ("h99~arelu~lr0.1~e20~b32~iglorot_normal~v0.1~s0", "hidden neurons"),
    ("h3~a<script>~lr0.1~e20~b32~iglorot_normal~v0.1~s0", "the activation"),
    ("h3~arelu~lr0.1~e20~b32~iglorot_normal~v0.1~s-1", "the seed"),
    ("h3~arelu~lr0.1~e99999~b32~iglorot_normal~v0.1~s0", "epochs"),
])
def test_an_unusable_setting_keeps_the_recipes_value_and_says_which(model, words):
    from laptop.recipe import RECIPE
    from laptop.share_link import read_settings

    settings, notes = read_settings(model)
    assert settings == RECIPE
    assert len(notes) == 1 and words in notes[0]
    assert "<" not in notes[0]


@pytest.mark.parametrize("bad", ["<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
                                 "x" * 5000])
def test_hostile_params_give_defaults_and_notes_that_do_not_echo_them(bad):
    from laptop.recipe import RECIPE
    from laptop.share_link import read_page

    shared = read_page({"data": bad, "model": bad, "pink": bad, "small": bad})
    assert shared.x is None and shared.settings == RECIPE
    assert (shared.laptop.pink, shared.laptop.small) == DEFAULT_LAPTOP
    assert len(shared.notes) == 4
    assert all(bad[:10] not in note for note in shared.notes)


def test_a_value_of_at_most_32_characters_is_read():
    from laptop.share_link import MAX_PARAM_CHARS, parse_fraction

    assert MAX_PARAM_CHARS == 32
    assert parse_fraction("0." + "5" * 30) == pytest.approx(0.5 + 5 / 90)  # 32 characters
    assert parse_fraction("0." + "5" * 31) is None  # 33: refused before float() reads it


def test_a_link_with_some_settings_uses_each_one_it_holds():
    from laptop.recipe import RECIPE
    from laptop.share_link import read_settings

    settings, notes = read_settings("lr0.3~s7")  # no hidden units, activation...
    assert (settings.learning_rate, settings.seed) == (0.3, 7)
    assert settings.hidden_units == RECIPE.hidden_units
    assert len(notes) == 1 and "the number of hidden neurons" in notes[0]


# ---- hidden layers in the link --------------------------------------------------------------
def test_a_model_of_several_layers_round_trips_and_one_layer_reads_as_before():
    from dataclasses import replace

    from laptop.recipe import RECIPE
    from laptop.share_link import encode_settings, page_params, read_page, read_settings

    old_link = "h3~arelu~lr0.1~e20~b32~iglorot_normal~v0.1~s0"  # written before layers
    assert encode_settings(RECIPE.to_dict()) == old_link  # one layer: the very same text
    assert read_settings(old_link) == (RECIPE, [])
    assert read_settings("h16~arelu~lr0.1~e20~b32~iglorot_normal~v0.1~s4")[0] == replace(
        RECIPE, hidden_units=16, seed=4)
    for more in [(8,), (8, 8), (1, 5)]:
        settings = replace(RECIPE, hidden_units=8, more_layers=more)
        text = encode_settings(settings.to_dict())
        assert text.endswith("~n" + "-".join(map(str, more)))
        assert read_settings(text) == (settings, [])
        shared = read_page(page_params([(0.1, 0.2), (0.9, 0.8)], [0, 1], settings, 0.1, 0.6))
        assert shared.settings == settings and shared.notes == ()


@pytest.mark.parametrize("layers", ["n9", "n0", "n8-8-8", "n3-", "n-3", "nx", "n", "n1.5",
                                    "n<script>", "n" + "8-" * 500 + "8", "n007"])
def test_unusable_layers_in_a_link_keep_one_layer_and_say_so(layers):
    from laptop.recipe import RECIPE
    from laptop.share_link import read_settings

    settings, notes = read_settings(f"h3~arelu~lr0.1~e20~b32~iglorot_normal~v0.1~s0~{layers}")
    assert settings == RECIPE
    assert len(notes) == 1 and "the hidden layers after the first" in notes[0]
    assert "<" not in notes[0]
