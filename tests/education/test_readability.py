from education.readability import plain_sentences, reading_grade, word_count


def test_list_items_and_headings_count_as_sentences():
    text = plain_sentences("<h2>Signs</h2><ul><li>a swollen calf</li><li>warm skin</li></ul><p>See a doctor.</p>")
    assert text == "Signs. a swollen calf. warm skin. See a doctor."


def test_footnote_markers_are_not_words():
    assert word_count('<p>Rest helps.<sup><a href="#fn:1">1</a></sup></p>') == 2


def test_plain_words_read_at_a_low_grade_and_long_words_at_a_high_one():
    assert reading_grade("<p>Rest your leg. Keep it up. Walk a bit each day.</p>") < 3
    assert (
        reading_grade(
            "<p>Intermittent neurogenic claudication characteristically necessitates comprehensive "
            "multidisciplinary neurosurgical evaluation and radiological investigation.</p>"
        )
        > 12
    )
