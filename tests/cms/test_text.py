import json

from cms.text import reading_minutes, stream_word_count


def test_word_count_reads_prose_blocks_and_skips_references():
    raw = [
        {"type": "heading", "value": {"text": "Two words", "level": "h2"}},
        {"type": "paragraph", "value": "<p>one two <b>three</b></p>"},
        {"type": "key_points", "value": {"title": "Key", "points": [
            {"type": "item", "value": "four five", "id": "x"}]}},
        {"type": "references", "value": {"items": [
            {"type": "item", "value": {"citation": "not counted at all", "url": ""}, "id": "y"}]}},
    ]  # fmt: skip
    assert stream_word_count(json.loads(json.dumps(raw))) == 2 + 3 + 1 + 2


def test_reading_minutes_adds_video_running_time():
    raw = [
        {"type": "paragraph", "value": "<p>" + "word " * 400 + "</p>"},
        {"type": "video", "value": {"video": "https://v", "title": "t", "duration_minutes": 5}},
    ]
    assert reading_minutes(raw) == 2 + 5
