"""Done-when 2: the site in headless Chromium (Debian's `chromium`, never a downloaded browser), from
file:// with the network off: no console errors, sort and filter the table, open a module page, follow the
blocker graph to a module; screenshots saved (docs/report-*.png when DIRACMOD_SCREENSHOTS=docs)."""
import json
import os
import shutil
from pathlib import Path

import pytest

from report_helpers import run_report

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed "
                                "(.ci/run installs it with apt-get install -y chromium)")
# WCAG 2 contrast of every rendered element with text of its own, against the first opaque background behind
# it (for the blocker graph's SVG labels: their fill against their box's fill); AA asks 4.5:1 for body text.
LOW_CONTRAST = """() => {
  const channels = c => c.match(/[\\d.]+/g).map(Number);
  const luminance = c => {
    const [r, g, b] = channels(c).slice(0, 3).map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const behind = el => {
    for (; el; el = el.parentElement) {
      const c = channels(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return getComputedStyle(el).backgroundColor;
    }
    return "rgb(255, 255, 255)";
  };
  const low = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest("title, desc, script, style, select") || !el.getClientRects().length) continue;
    if (!Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const style = getComputedStyle(el);
    const svg = el instanceof SVGElement;
    const fg = svg ? style.fill : style.color;
    const bg = svg ? getComputedStyle(el.previousElementSibling).fill : behind(el);
    const [a, b] = [luminance(fg), luminance(bg)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) low.push(`${el.tagName}.${el.className.baseVal ?? el.className} ${ratio.toFixed(2)}: ${el.textContent.trim().slice(0, 40)}`);
  }
  return low;
}"""
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]


def test_site_in_headless_chromium(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    tree = tmp_path / "legacy_project"
    shutil.copytree(ROOT / "examples" / "legacy_project", tree)
    (tmp_path / "out").mkdir()
    rows = []  # what --append-history leaves: the burn-down charts draw it
    for n, ported in enumerate((0, 0, 1)):
        numbers = {"modules": 5, "ported": ported, "todo": 5 - ported, "lines": 480, "ported_lines": 11 * ported,
                   "effort": 80.0}
        alice = {**numbers, "modules": 1, "ported": 0, "todo": 1, "lines": 99, "ported_lines": 0, "effort": 24.0}
        rows.append({"label": f"v{n}", "commit": None, "date": None, "totals": numbers, "systems": {"JobMon": numbers},
                     "owners": {"@dirac-grid/wms": numbers, "@alice": alice}})
    (tmp_path / "out" / "history.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    code, _, err = run_report("legacy_project", "-o", "out", "--deps", "off", cwd=tmp_path)
    assert code == 0, err
    shots = ROOT / "docs" if os.environ.get("DIRACMOD_SCREENSHOTS") == "docs" else tmp_path / "shots"
    shots.mkdir(exist_ok=True)
    errors = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, timeout=60_000)
        context = browser.new_context(offline=True, viewport={"width": 1366, "height": 900})
        context.set_default_timeout(30_000)
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((tmp_path / "out" / "index.html").as_uri())
        page.wait_for_function("document.querySelector('#chart-modules').width > 0")
        page.wait_for_function("document.querySelector('#chart-systems').width > 0")
        page.wait_for_function("document.querySelector('#chart-history-lines').width > 0")
        # the burn-down per system, then per owner (a keyboard-usable select)
        burndown = "Chart.getChart('chart-history').data.datasets.map(d => d.label)"
        assert page.evaluate(burndown) == ["JobMon"]
        page.select_option("#history-group", "owners")
        assert page.evaluate(burndown) == ["@alice", "@dirac-grid/wms"]
        # owners from the example's CODEOWNERS (last matching pattern wins)
        owners = page.locator("#owners tbody td:first-child").all_inner_texts()
        assert {"@dirac-grid/wms", "@dirac-grid/core", "@alice", "@dirac-grid/qa"} <= set(owners)
        # findings per rule: opened from the keyboard, sorted, as many rows as the JSON's rules
        summary = page.locator("details.rules-table summary")
        summary.focus()
        page.keyboard.press("Enter")
        page.locator("#rules th button", has_text="Findings").click()
        counts = [int(v) for v in page.locator("#rules tbody td:nth-child(3)").all_inner_texts()]
        report = json.loads((tmp_path / "out" / "report.json").read_text())
        assert counts == sorted(counts) and len(counts) == len(report["rules"]) > 1
        assert page.evaluate(LOW_CONTRAST) == []
        summary.focus()
        page.keyboard.press("Enter")  # closed again: the screenshot shows the modules
        assert page.locator("#rules").is_hidden()
        rows = page.locator("#modules tbody tr")
        total = rows.count()
        assert total == 9
        # sort by lines, descending, from the keyboard
        header = page.locator("#modules th button", has_text="Lines")
        header.focus()
        page.keyboard.press("Enter")
        page.keyboard.press("Enter")
        assert header.locator("xpath=..").get_attribute("aria-sort") == "descending"
        lines = [int(v) for v in page.locator("#modules tbody tr td:nth-child(4)").all_inner_texts()]
        assert lines == sorted(lines, reverse=True) and len(set(lines)) > 1
        # filter by text, then by status
        page.fill("#module-filter", "jobmon")
        visible = page.locator("#modules tbody tr:not([hidden])")
        assert 0 < visible.count() < total
        assert all("jobmon" in r.get_attribute("data-search").lower() for r in visible.all())
        narrowed = visible.count()
        page.select_option("#status-filter", "manual")
        assert 0 < visible.count() < narrowed
        assert all(r.get_attribute("data-status") == "manual" for r in visible.all())
        assert page.evaluate(LOW_CONTRAST) == []
        page.screenshot(path=str(shots / "report-index.png"), full_page=True)
        page.fill("#module-filter", "")
        page.select_option("#status-filter", "")
        assert visible.count() == total
        # open a module page
        page.locator("#modules tbody a", has_text="JobMon.JobDB").click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "JobMon.JobDB"
        assert page.locator(".finding").count() > 0
        assert page.evaluate(LOW_CONTRAST) == []
        page.screenshot(path=str(shots / "report-module.png"))
        # JobDB runs exec(): fix leaves it (its prints would need print_function), and the page says why
        assert "exec()" in page.locator("#fix-preview + *").inner_text()
        # what `diracmod fix` would change, as its diff, on a module it rewrites
        page.go_back()
        page.locator("#modules tbody a", has_text="JobMon.JobRecord").click()
        page.wait_for_load_state()
        preview = page.locator("pre.diff")
        assert preview.locator(".d-add").count() > 0 and preview.locator(".d-del").count() > 0
        page.locator("#fix-preview").evaluate("heading => window.scrollTo(0, heading.offsetTop - 8)")
        page.screenshot(path=str(shots / "report-fix-preview.png"))
        # the blocker graph, then one of its nodes
        page.locator("nav a", has_text="Blocker graph").click()
        page.wait_for_load_state()
        node = page.locator("svg a.node").first
        title = node.locator("title").text_content()
        assert page.evaluate(LOW_CONTRAST) == []
        page.screenshot(path=str(shots / "report-graph.png"))
        # from the keyboard: Tab reaches the graph's first box, Enter opens its module
        for _ in range(20):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('svg a.node')"):
                break
        assert page.evaluate("document.activeElement.querySelector('title').textContent") == title
        page.keyboard.press("Enter")
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() in title
        browser.close()
    assert errors == []
    assert all((shots / f"report-{name}.png").stat().st_size > 5000
               for name in ("index", "module", "fix-preview", "graph"))
