from cms.sanitize import sanitize_html


def test_scripts_handlers_and_javascript_urls_are_removed():
    dirty = (
        '<p onclick="steal()">Hi <script>alert(1)</script><a href="javascript:alert(1)">x</a>'
        '<img src=x onerror=alert(1)><b style="color:red">bold</b></p>'
    )
    clean = sanitize_html(dirty)
    assert "script" not in clean
    assert "onclick" not in clean
    assert "javascript:" not in clean
    assert "<img" not in clean
    assert "style" not in clean
    assert "<b>bold</b>" in clean


def test_allowed_markup_survives_and_external_links_get_rel():
    clean = sanitize_html('<p>See <a href="https://example.org">this</a></p><ul><li>a</li></ul>')
    assert '<a href="https://example.org" rel="nofollow noopener">this</a>' in clean
    assert "<ul><li>a</li></ul>" in clean
