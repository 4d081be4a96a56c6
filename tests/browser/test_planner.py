"""The study planner: hours a week and a start date give dated weeks that cover every topic."""

from __future__ import annotations

import csv
import io
import math
from datetime import date

from playwright.sync_api import Page, expect

from .roadmapdata import topics as roadmap_topics
from .siteserver import Site


def make_plan(page: Page, site: Site, hours: int, start: str) -> None:
    page.goto(site.page("planner/"))
    page.get_by_label("Hours a week").fill(str(hours))
    page.get_by_label("Start on").fill(start)
    page.get_by_role("button", name="Make my plan").click()
    # The first plan shown is the default one; wait for the plan of these settings.
    first_day = date.fromisoformat(start)
    expect(page.locator(".rm-plan tbody tr").first.locator(".rm-plan__dates")).to_contain_text(
        f"{first_day.day} {first_day:%b}"
    )


def test_plan_weeks_cover_every_topic_in_order(page: Page, site: Site) -> None:
    topics = roadmap_topics(site)
    total = sum(int(t["effort_hours"]) for t in topics)
    make_plan(page, site, 12, "2027-01-04")
    rows = page.locator(".rm-plan tbody tr")
    expect(rows).to_have_count(math.ceil(total / 12))
    planned = page.locator(".rm-plan li[data-topic]").evaluate_all("items => items.map(i => i.dataset.topic)")
    assert set(planned) == {t["id"] for t in topics}
    first_weeks = {topic: planned.index(topic) for topic in dict.fromkeys(planned)}
    for topic in topics:  # nothing is planned before what it builds on
        for prerequisite in topic["prerequisites"]:
            assert first_weeks[prerequisite] <= first_weeks[topic["id"]], (prerequisite, topic["id"])
    expect(rows.first.locator(".rm-plan__dates")).to_have_text("4 Jan to 10 Jan 2027")
    expect(page.locator(".rm-planner__summary")).to_contain_text(f"{len(topics)} topics, {total} hours")


def test_plan_downloads_as_calendar_and_spreadsheet(page: Page, site: Site) -> None:
    topics = roadmap_topics(site)
    make_plan(page, site, 10, "2027-03-01")
    with page.expect_download() as ics_download:
        page.get_by_role("button", name="Add to your calendar (.ics)").click()
    calendar = ics_download.value.path().read_bytes().decode("utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR\r\n")
    assert calendar.count("BEGIN:VEVENT") == len(topics)
    assert "DTSTART;VALUE=DATE:20270301" in calendar
    assert all(len(line.encode()) <= 75 for line in calendar.split("\r\n"))
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Download as a spreadsheet (.csv)").click()
    rows = list(csv.DictReader(io.StringIO(csv_download.value.path().read_bytes().decode("utf-8"), newline="")))
    assert {row["Topic"] for row in rows} == {t["title"] for t in topics}
    hours: dict[str, float] = {}
    for row in rows:
        hours[row["Topic"]] = hours.get(row["Topic"], 0) + float(row["Hours this week"])
    assert all(abs(hours[t["title"]] - float(t["effort_hours"])) < 0.01 for t in topics)


def test_plan_leaves_out_done_topics_and_remembers_settings(page: Page, site: Site) -> None:
    page.goto(site.page("foundations/python-for-data/"))
    page.locator(".rm-done--top input").check()
    make_plan(page, site, 8, "2027-01-04")
    planned = set(page.locator(".rm-plan li[data-topic]").evaluate_all("items => items.map(i => i.dataset.topic)"))
    assert "python-for-data" not in planned
    expect(page.locator(".rm-planner__summary")).to_contain_text("Leaves out the topic you have marked as done.")
    page.reload()
    expect(page.get_by_label("Hours a week")).to_have_value("8")
    expect(page.get_by_label("Start on")).to_have_value("2027-01-04")


# Recorded from the start of the page by an init script: the layout shifts not caused by input.
RECORD_SHIFTS = """window.__shift = 0; new PerformanceObserver(list => { for (const e of list.getEntries())
  if (!e.hadRecentInput) window.__shift += e.value }).observe({type: 'layout-shift', buffered: true})"""


def test_the_plan_appears_without_moving_what_the_reader_sees(page: Page, site: Site) -> None:
    # On a phone, nothing on screen is pushed down when the plan is drawn (Lighthouse's CLS).
    page.set_viewport_size({"width": 412, "height": 823})
    page.add_init_script(RECORD_SHIFTS)
    page.goto(site.page("planner/"))
    expect(page.locator(".rm-plan tbody tr").first).to_be_visible()
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert page.evaluate("window.__shift") < 0.01
