"""What every page of the accessibility sweep is held to (issue 20): axe-core with the WCAG 2.1 A
and AA rules, failing on serious or critical findings, and reflow: at 320 CSS pixels wide (a
1280 px window at 400 % zoom, or 640 px at 200 %) the page itself never scrolls sideways; a wide
table scrolls in its own region instead."""

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SERIOUS = ("serious", "critical")
DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 800}

RUN_AXE = """async (tags) => (await axe.run(document, {runOnly: {type: "tag", values: tags}}))
  .violations"""
# The widest element that sticks out, to say what overflows.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scroll = document.documentElement.scrollWidth;
  if (scroll <= width) return null;
  let widest = null;
  for (const el of document.body.querySelectorAll("*")) {
    const right = el.getBoundingClientRect().right;
    if (right > width + 1 && (!widest || right > widest.right)) {
      // Inside a scrolling region, unless positioned against something outside it (then the
      // region does not clip it: how visually-hidden cell text once widened six pages).
      const up = el.parentElement;
      const region = up && up.closest(".table-scroll, .dashboard-scroll");
      const position = getComputedStyle(el).position;
      const escapes = (position === "absolute" || position === "fixed")
        && !(el.offsetParent && region && region.contains(el.offsetParent));
      const inScroller = region && !escapes;
      const text = (el.textContent || "").slice(0, 40);
      if (!inScroller) widest = {right, tag: el.tagName, cls: el.className, position, text};
    }
  }
  return {scroll, width, widest};
}"""


def axe_problems(page, axe_js, name: str) -> list[str]:
    page.add_script_tag(path=str(axe_js))
    violations = page.evaluate(RUN_AXE, WCAG_TAGS)
    return [
        f"{name} ({page.url}): [{v['impact']}] {v['id']}: {v['help']}\n"
        + "\n".join(f"    {node['target']}" for node in v["nodes"][:5])
        for v in violations
        if v["impact"] in SERIOUS
    ]


def reflow_problems(page, name: str) -> list[str]:
    page.set_viewport_size(NARROW)
    overflow = page.evaluate(OVERFLOW)
    page.set_viewport_size(DESKTOP)
    if overflow is None:
        return []
    return [f"{name} ({page.url}): {overflow['scroll']} px wide at 320: {overflow['widest']}"]


# Pages that may still scroll sideways at 320 px: none. A new entry needs a reason.
REFLOW_KNOWN: frozenset[str] = frozenset()


def sweep(page, axe_js, name: str) -> list[str]:
    """Both checks on the page as it is now (after a goto or a failed submit)."""
    page.set_viewport_size(DESKTOP)
    problems = axe_problems(page, axe_js, name)
    reflow = reflow_problems(page, name)
    if name in REFLOW_KNOWN:
        return problems + ([] if reflow else [f"{name}: reflows now, drop it from REFLOW_KNOWN"])
    return problems + reflow
