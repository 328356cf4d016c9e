"""GB/T 4761 family relations: every code has its Chinese and its English label; the UI shows the one of the
user's language."""

from flask_babel import force_locale

from registry.people.relations import RELATIONS, RELATIONS_EN


def test_every_relation_code_has_an_english_label():
    assert RELATIONS_EN.keys() == RELATIONS.keys()
    assert all(label and label.isascii() for label in RELATIONS_EN.values())
    assert len(set(RELATIONS_EN.values())) == len(RELATIONS_EN)


def test_the_ui_shows_the_relation_in_the_users_language(app):
    from registry.web.labels import LABELS

    with app.test_request_context():
        with force_locale("en"):
            assert str(LABELS["relation"]["12"]) == "Wife"
        with force_locale("zh"):
            assert str(LABELS["relation"]["12"]) == "妻"
            assert str(LABELS["relation"]["02"]) == "户主"
