"""The web console under /console in a real browser: Debian's headless Chromium driven through chromedriver with
Selenium, every page checked with axe-core (axe_selenium_python) and for browser-console errors, and what the pages
do checked against the same tenant through boto3. One tenant per module; the tests share one browser, each starting
signed out. test_console_sign_ins_are_recorded_as_console_login_events reads the sign-ins of the tests before it.

Screenshots go to $CAIRN_CONSOLE_ARTIFACTS, or else .build/console-screenshots/ in the repository."""
import csv
import io
import json
import os
import time
import types
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

import mfa_codes
from cairn_rest import create_tenant

try:
    from axe_selenium_python import Axe
    from selenium import webdriver
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait
    MISSING = None
except ImportError as e:  # reported by the browser fixture, so that collection still works
    MISSING = str(e)

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
HOME = "us-east-1"  # the console's region for every test, and where IAM's and sign-in's events land
PASSWORD = "Console-pass-1234!"
ALLOW_ALL = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
READ_TRAILS = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*", "Action": [
    "cloudtrail:Describe*", "cloudtrail:Get*", "cloudtrail:List*", "cloudtrail:LookupEvents"]}]}
NAV = {"Event history": "/console/events", "Insights": "/console/insights", "Trails": "/console/trails",
       "Organization": "/console/organization", "IAM": "/console/iam", "Policy simulator": "/console/simulator",
       "Lake queries": "/console/lake"}


# The browser and its checks

@pytest.fixture(scope="module")
def driver():
    if MISSING:
        pytest.fail(f"Python selenium / axe_selenium_python are missing ({MISSING}): .ci/run installs them")
    for binary in (CHROMIUM, CHROMEDRIVER):
        if not os.access(binary, os.X_OK):
            pytest.fail(f"{binary} is missing: .ci/run installs Debian's chromium and chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    browser.set_page_load_timeout(30)
    yield browser
    browser.quit()


@pytest.fixture(autouse=True)
def signed_out(driver, endpoint):
    """Every test starts on the sign-in page with no cookies and an empty browser log."""
    driver.get(endpoint.rstrip("/") + "/console/sign-in")
    driver.delete_all_cookies()
    driver.get_log("browser")


def screenshot(driver, name):
    folder = Path(os.environ.get("CAIRN_CONSOLE_ARTIFACTS") or Path(__file__).resolve().parents[2] / ".build" / "console-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(folder / f"{name}.png"))


def assert_accessible(driver, page_name):
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, f"{page_name} has accessibility violations:\n" + "\n".join(
        f"  {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}" for v in bad)


def assert_no_console_errors(driver, allowed_statuses=()):
    """No SEVERE browser-log entry, but for one "status of N" per allowed status (a refusal the test caused)."""
    allowed, errors = list(allowed_statuses), []
    for entry in driver.get_log("browser"):
        if entry["level"] != "SEVERE":
            continue
        status = next((s for s in allowed if f"status of {s}" in entry["message"]), None)
        if status is None:
            errors.append(entry["message"])
        else:
            allowed.remove(status)
    assert not errors, "browser console errors:\n" + "\n".join(errors)


# Pages and forms

def console(driver, path=""):
    origin = urllib.parse.urlsplit(driver.current_url)
    driver.get(f"{origin.scheme}://{origin.netloc}/console{path}")


def path_of(driver):
    return urllib.parse.urlsplit(driver.current_url).path


def fill(driver, form_id, **fields):
    form = driver.find_element(By.ID, form_id)
    for name, value in fields.items():
        element = form.find_element(By.NAME, name)
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        elif element.get_attribute("type") == "checkbox":
            if element.is_selected() != bool(value):
                element.click()
        else:
            element.clear()
            element.send_keys(value)


def replaced(element):
    """A wait condition: the element's page is gone. Chromedriver reports a node of a page already replaced either as
    stale or as an inspector error ("Node with given id does not belong to the document"); both mean it is gone."""
    def gone(_):
        try:
            element.is_enabled()
            return False
        except WebDriverException:  # StaleElementReferenceException is one
            return True
    return gone


def submit(driver, form_id, **fields):
    """Fills and submits a form with its own submit button, and waits for the page that answers."""
    fill(driver, form_id, **fields)
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.ID, form_id).find_element(
        By.CSS_SELECTOR, "button:not([type]), button[type=submit], input[type=submit]").click()
    WebDriverWait(driver, 20).until(replaced(page))
    WebDriverWait(driver, 20).until(lambda d: d.execute_script("return document.readyState") == "complete")


def text_of(driver, element_id):
    found = driver.find_elements(By.ID, element_id)
    return found[0].text if found else None


def check_page(driver, name):
    """What every page must be: kept as a screenshot, accessible, and quiet in the browser's console."""
    screenshot(driver, name)
    assert_accessible(driver, name)
    assert_no_console_errors(driver)


def sign_in_with_keys(driver, key, secret):
    console(driver, "/sign-in")
    submit(driver, "keys-sign-in", accessKeyId=key, secretAccessKey=secret)


def sign_in_with_password(driver, account, user, password, mfa_code=None):
    console(driver, "/sign-in")
    fields = dict(account=account, userName=user, password=password)
    if mfa_code is not None:
        fields["mfaCode"] = mfa_code
    submit(driver, "password-sign-in", **fields)


def assert_signed_in_as(driver, arn):
    assert path_of(driver) == "/console/events", (driver.current_url, text_of(driver, "error"))
    assert driver.find_element(By.ID, "principal").text.strip() == arn


def use_region(driver, region):
    submit(driver, "region-switcher", region=region)
    assert Select(driver.find_element(By.ID, "region")).first_selected_option.get_attribute("value") == region


def table_rows(driver, table_id):
    """Each body row of a table as (the row element, the texts of its cells)."""
    rows = driver.find_elements(By.CSS_SELECTOR, f"#{table_id} tbody tr")
    return [(row, [c.text.strip() for c in row.find_elements(By.XPATH, "./td|./th")]) for row in rows]


def session_request(driver, url, data=None, headers=None):
    """A request outside the browser with the browser's cookies (HttpOnly ones too); redirects are not followed.
    Returns (status, headers, body)."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(urllib.parse.urljoin(driver.current_url, url), headers={"Cookie": cookie, **(headers or {})},
                                     data=urllib.parse.urlencode(data).encode() if data is not None else None)
    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as r:
            return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode()


# The tenant

@pytest.fixture(scope="module")
def world(client_factory):
    """A tenant whose root made an organization (Prod and Dev under the root, one created member account) and two
    IAM users with passwords: console-admin (everything) and console-reader (CloudTrail reads only)."""
    account, key, secret = create_tenant("console")
    client = lambda service: client_factory(service, access_key=key, secret_key=secret, region_name=HOME)
    orgs, iam = client("organizations"), client("iam")
    orgs.create_organization(FeatureSet="ALL")
    root = orgs.list_roots()["Roots"][0]["Id"]
    ous = {name: orgs.create_organizational_unit(ParentId=root, Name=name)["OrganizationalUnit"]["Id"] for name in ("Prod", "Dev")}
    request = orgs.create_account(Email=f"member-{uuid.uuid4().hex[:8]}@tenants.example", AccountName="member")["CreateAccountStatus"]
    deadline = time.time() + 60
    while True:
        status = orgs.describe_create_account_status(CreateAccountRequestId=request["Id"])["CreateAccountStatus"]
        if status["State"] == "SUCCEEDED":
            break
        assert status["State"] == "IN_PROGRESS" and time.time() < deadline, status
        time.sleep(0.5)
    for user, policy in (("console-admin", ALLOW_ALL), ("console-reader", READ_TRAILS)):
        iam.create_user(UserName=user)
        iam.create_login_profile(UserName=user, Password=PASSWORD, PasswordResetRequired=False)
        iam.put_user_policy(UserName=user, PolicyName="console", PolicyDocument=json.dumps(policy))
    return types.SimpleNamespace(account=account, key=key, secret=secret, client=client, orgs=orgs, iam=iam, ct=client("cloudtrail"),
                                 root=root, ous=ous, member=status["AccountId"], root_arn=f"arn:aws:iam::{account}:root",
                                 user_arn=lambda name: f"arn:aws:iam::{account}:user/{name}")


# The tests

def test_unauthenticated_visits_redirect_to_sign_in_and_wrong_credentials_fail_without_a_session(driver, world):
    for page in ("/events", "/trails", "/organization", "/iam", "/simulator", "/trails/anything"):
        console(driver, page)
        assert path_of(driver) == "/console/sign-in", page
    sign_in_with_keys(driver, world.key, world.secret[::-1])
    assert "Failed authentication" in (text_of(driver, "error") or ""), driver.page_source[:2000]
    assert driver.find_element(By.ID, "error").get_attribute("role") == "alert"
    assert_no_console_errors(driver, allowed_statuses=(400, 401, 403))
    sign_in_with_password(driver, world.account, "console-reader", "Wrong-pass-1234!")
    assert "Failed authentication" in (text_of(driver, "error") or "")
    screenshot(driver, "sign-in-failed")
    assert_no_console_errors(driver, allowed_statuses=(400, 401, 403))
    console(driver, "/events")
    assert path_of(driver) == "/console/sign-in", "a failed sign-in left a session"


def test_root_keys_sign_in_and_every_page_renders_accessibly_without_console_errors(driver, world):
    assert driver.find_elements(By.ID, "keys-sign-in") and driver.find_elements(By.ID, "password-sign-in")
    check_page(driver, "sign-in")
    sign_in_with_keys(driver, world.key, world.secret)
    assert_signed_in_as(driver, world.root_arn)
    for name in ("events", "insights", "trails", "organization", "iam", "simulator", "lake"):
        console(driver, f"/{name}")
        assert path_of(driver) == f"/console/{name}"
        assert driver.find_element(By.CSS_SELECTOR, "main#main") and text_of(driver, "error") is None, text_of(driver, "error")
        nav = driver.find_element(By.CSS_SELECTOR, "nav[aria-label=Console]")
        links = {a.text.strip(): urllib.parse.urlsplit(a.get_attribute("href")).path for a in nav.find_elements(By.TAG_NAME, "a")}
        assert NAV.items() <= links.items(), links
        assert driver.find_element(By.ID, "principal").text.strip() == world.root_arn
        for form, action in (("sign-out", "/console/sign-out"), ("region-switcher", "/console/region")):
            element = driver.find_element(By.ID, form)
            assert urllib.parse.urlsplit(element.get_attribute("action")).path == action and element.get_attribute("method") == "post"
            assert element.find_element(By.CSS_SELECTOR, "input[type=hidden][name=csrf]").get_attribute("value")
        check_page(driver, name)


def test_event_history_filters_by_event_name_opens_the_record_and_downloads_json_and_csv(driver, world):
    sign_in_with_keys(driver, world.key, world.secret)
    use_region(driver, HOME)
    console(driver, "/events")
    submit(driver, "event-filter", attribute="EventName", value="CreateOrganization")
    rows = table_rows(driver, "events-table")
    assert rows and all(cells[1] == "CreateOrganization" for _, cells in rows), [cells for _, cells in rows]
    assert rows[0][1][2] == "root" and rows[0][1][3] == "organizations.amazonaws.com", rows[0][1]
    link = rows[0][0].find_element(By.TAG_NAME, "a")
    event_id = urllib.parse.urlsplit(link.get_attribute("href")).path.rsplit("/", 1)[-1]
    downloads = {d: driver.find_element(By.ID, d).get_attribute("href") for d in ("download-json", "download-csv")}

    status, _, body = session_request(driver, downloads["download-json"])
    assert status == 200, body[:500]
    records = json.loads(body)["Records"]
    assert records and {r["eventName"] for r in records} == {"CreateOrganization"} and event_id in [r["eventID"] for r in records]
    status, _, body = session_request(driver, downloads["download-csv"])
    assert status == 200 and body.splitlines()[0].startswith("eventTime,eventID,eventSource,eventName"), body[:500]
    rows_csv = list(csv.DictReader(io.StringIO(body)))
    assert {r["eventName"] for r in rows_csv} == {"CreateOrganization"} and event_id in [r["eventID"] for r in rows_csv]

    page = driver.find_element(By.TAG_NAME, "html")
    link.click()
    WebDriverWait(driver, 20).until(replaced(page))
    assert path_of(driver) == f"/console/events/{event_id}"
    record = json.loads(driver.find_element(By.ID, "event-record").text)
    assert record["eventName"] == "CreateOrganization" and record["eventID"] == event_id
    assert record["recipientAccountId"] == world.account
    check_page(driver, "event-record")


def test_a_trail_created_in_the_console_starts_and_stops_logging_as_cloudtrail_reports(driver, world):
    sign_in_with_keys(driver, world.key, world.secret)
    use_region(driver, HOME)
    console(driver, "/trails")
    submit(driver, "create-trail", name="console-trail", s3BucketName="console-trail-bucket", isMultiRegionTrail=True)
    assert path_of(driver) == "/console/trails" and text_of(driver, "flash"), text_of(driver, "error")
    assert driver.find_element(By.ID, "flash").get_attribute("role") == "status"
    row = driver.find_element(By.CSS_SELECTOR, "#trails-table tr[data-trail='console-trail']")
    cells = [c.text.strip() for c in row.find_elements(By.XPATH, "./td|./th")]
    assert cells[1:5] == [HOME, "Yes", "No", "Off"], cells
    page = driver.find_element(By.TAG_NAME, "html")
    row.find_element(By.CSS_SELECTOR, "a[href$='/console/trails/console-trail']").click()
    WebDriverWait(driver, 20).until(replaced(page))
    assert "Logging: Off" in driver.find_element(By.ID, "trail-status").text
    for form, shown, logging in (("start-logging", "Logging: On", True), ("stop-logging", "Logging: Off", False)):
        submit(driver, form)
        assert shown in driver.find_element(By.ID, "trail-status").text, text_of(driver, "error")
        assert world.ct.get_trail_status(Name="console-trail")["IsLogging"] is logging
    check_page(driver, "trail")


def test_moving_an_account_to_an_ou_in_the_console_moves_it_in_organizations(driver, world):
    sign_in_with_keys(driver, world.key, world.secret)
    console(driver, "/organization")
    tree = driver.find_element(By.ID, "organization-tree")
    parent_of = lambda id_: tree.find_element(By.CSS_SELECTOR, f"li[data-id='{id_}']").find_element(By.XPATH, "./ancestor::li[1]")
    assert tree.find_element(By.CSS_SELECTOR, f"li[data-id='{world.root}']").get_attribute("data-kind") == "root"
    for ou in world.ous.values():
        assert parent_of(ou).get_attribute("data-id") == world.root
        assert tree.find_element(By.CSS_SELECTOR, f"li[data-id='{ou}']").get_attribute("data-kind") == "ou"
    assert parent_of(world.member).get_attribute("data-id") == world.root
    submit(driver, "move-account", accountId=world.member, destinationParentId=world.ous["Prod"])
    assert text_of(driver, "error") is None, text_of(driver, "error")
    console(driver, "/organization")
    tree = driver.find_element(By.ID, "organization-tree")
    member = tree.find_element(By.CSS_SELECTOR, f"li[data-id='{world.ous['Prod']}'] li[data-id='{world.member}']")
    assert member.get_attribute("data-kind") == "account" and parent_of(world.member).get_attribute("data-id") == world.ous["Prod"]
    assert world.orgs.list_parents(ChildId=world.member)["Parents"] == [{"Id": world.ous["Prod"], "Type": "ORGANIZATIONAL_UNIT"}]
    check_page(driver, "organization-moved")
    member.find_element(By.TAG_NAME, "a").click()
    assert path_of(driver) == f"/console/organization/accounts/{world.member}"
    assert world.member in driver.find_element(By.ID, "main").text and world.ous["Prod"] in driver.find_element(By.ID, "main").text
    check_page(driver, "account")


def simulate(driver, **fields):
    console(driver, "/simulator")
    submit(driver, "simulator", **fields)
    assert text_of(driver, "error") is None, text_of(driver, "error")
    return {cells[0]: cells[2] for _, cells in table_rows(driver, "simulation-results")}


def test_the_policy_simulator_reports_allowed_and_implicit_deny_in_custom_and_principal_modes(driver, world):
    sign_in_with_keys(driver, world.key, world.secret)
    get_only = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
    decisions = simulate(driver, mode="custom", policies=json.dumps(get_only), actions="s3:GetObject\ns3:PutObject")
    assert decisions == {"s3:GetObject": "allowed", "s3:PutObject": "implicitDeny"}
    screenshot(driver, "simulator-custom")
    decisions = simulate(driver, mode="principal", policySourceArn=world.user_arn("console-reader"),
                         actions="cloudtrail:CreateTrail\ncloudtrail:LookupEvents")
    assert decisions == {"cloudtrail:CreateTrail": "implicitDeny", "cloudtrail:LookupEvents": "allowed"}
    assert_accessible(driver, "simulator results")
    assert_no_console_errors(driver)


def test_a_read_only_user_is_denied_creating_a_trail_and_signing_out_ends_the_session(driver, world):
    sign_in_with_password(driver, world.account, "console-reader", PASSWORD)
    assert_signed_in_as(driver, world.user_arn("console-reader"))
    use_region(driver, HOME)
    console(driver, "/trails")
    submit(driver, "create-trail", name="reader-trail", s3BucketName="console-trail-bucket")
    error = text_of(driver, "error") or ""
    assert "AccessDenied" in error and "cloudtrail:CreateTrail" in error, error
    screenshot(driver, "reader-access-denied")
    # The page answers with the refusal's own status, as the API would (CloudTrail's AccessDeniedException is a 400).
    assert_no_console_errors(driver, allowed_statuses=(400, 403))
    assert "reader-trail" not in [t["Name"] for t in world.ct.describe_trails()["trailList"]]
    submit(driver, "sign-out")
    console(driver, "/events")
    assert path_of(driver) == "/console/sign-in"


def test_a_user_with_a_virtual_mfa_device_needs_a_current_code_to_sign_in(driver, world):
    world.iam.create_user(UserName="console-mfa")
    world.iam.create_login_profile(UserName="console-mfa", Password=PASSWORD, PasswordResetRequired=False)
    world.iam.put_user_policy(UserName="console-mfa", PolicyName="console", PolicyDocument=json.dumps(READ_TRAILS))
    device = world.iam.create_virtual_mfa_device(VirtualMFADeviceName="console-mfa-phone")["VirtualMFADevice"]
    seed, step = device["Base32StringSeed"], mfa_codes.now_step()
    # Codes of the last two steps enable it: the current step's stays unspent for the sign-in.
    world.iam.enable_mfa_device(UserName="console-mfa", SerialNumber=device["SerialNumber"],
                                AuthenticationCode1=mfa_codes.code(seed, step - 2), AuthenticationCode2=mfa_codes.code(seed, step - 1))
    sign_in_with_password(driver, world.account, "console-mfa", PASSWORD)
    assert "MFA" in (text_of(driver, "error") or ""), driver.current_url
    screenshot(driver, "mfa-required")
    assert_no_console_errors(driver, allowed_statuses=(400, 401, 403))
    console(driver, "/events")
    assert path_of(driver) == "/console/sign-in"
    sign_in_with_password(driver, world.account, "console-mfa", PASSWORD, mfa_code=mfa_codes.code(seed, mfa_codes.now_step()))
    assert_signed_in_as(driver, world.user_arn("console-mfa"))
    assert_no_console_errors(driver)


def test_console_sign_ins_are_recorded_as_console_login_events(world):
    pages = world.ct.get_paginator("lookup_events").paginate(
        LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "ConsoleLogin"}])
    records = [json.loads(e["CloudTrailEvent"]) for page in pages for e in page["Events"]]
    assert records
    for r in records:
        assert (r["eventName"], r["eventSource"], r["eventType"]) == ("ConsoleLogin", "signin.amazonaws.com", "AwsConsoleSignIn"), r
        assert r["recipientAccountId"] == world.account and r["awsRegion"] == HOME, r
    who = lambda r: r["userIdentity"].get("userName") or r["userIdentity"].get("arn", "").rsplit("/", 1)[-1]
    of = lambda user, outcome: [r for r in records if who(r) == user and r.get("responseElements") == {"ConsoleLogin": outcome}]
    reader = of("console-reader", "Success")
    assert reader and reader[0]["additionalEventData"]["MFAUsed"] == "No", reader
    assert reader[0]["userIdentity"]["type"] == "IAMUser" and reader[0]["userIdentity"]["arn"] == world.user_arn("console-reader")
    failed = of("console-reader", "Failure")
    assert failed and failed[0]["errorMessage"] == "Failed authentication" and "errorCode" not in failed[0], failed
    mfa = of("console-mfa", "Success")
    assert mfa and mfa[0]["additionalEventData"]["MFAUsed"] == "Yes", mfa


def test_a_post_without_the_sessions_csrf_token_is_refused_with_403_and_creates_nothing(driver, world, endpoint):
    sign_in_with_keys(driver, world.key, world.secret)
    assert_signed_in_as(driver, world.root_arn)
    use_region(driver, HOME)
    console(driver, "/trails")
    assert any(c.get("httpOnly") for c in driver.get_cookies()), "the session cookie is HttpOnly"
    token = driver.find_element(By.CSS_SELECTOR, "#create-trail input[type=hidden][name=csrf]").get_attribute("value")
    origin = {"Origin": endpoint.rstrip("/")}
    for name, extra in (("csrf-missing", {}), ("csrf-wrong", {"csrf": "0" * len(token)}), ("csrf-other", {"csrf": token[::-1]})):
        status, _, body = session_request(driver, "/console/trails", dict(name=name, s3BucketName="console-trail-bucket", **extra), origin)
        assert status == 403, (name, status, body[:500])
    # The same request with the page's token goes through: the token, and nothing else, made the difference.
    status, headers, body = session_request(driver, "/console/trails", dict(name="csrf-right", s3BucketName="console-trail-bucket",
                                                                            csrf=token), origin)
    assert status in (302, 303) and urllib.parse.urlsplit(headers["Location"]).path == "/console/trails", (status, body[:500])
    names = [t["Name"] for t in world.ct.describe_trails()["trailList"]]
    assert "csrf-right" in names and not {"csrf-missing", "csrf-wrong", "csrf-other"} & set(names), names


def test_a_lake_query_run_in_the_console_shows_the_stores_rows(driver, world):
    arn = world.ct.create_event_data_store(Name="console-store", RetentionPeriod=30)["EventDataStoreArn"]
    for _ in range(2):
        world.ct.describe_trails()
    sign_in_with_keys(driver, world.key, world.secret)
    use_region(driver, HOME)
    console(driver, "/lake")
    assert "console-store" in driver.find_element(By.ID, "event-data-stores").text
    statement = (f"SELECT eventName, count(*) AS calls FROM {arn.split('/')[-1]} "
                 f"WHERE eventName = 'DescribeTrails' GROUP BY eventName")
    submit(driver, "lake-query", statement=statement)
    deadline = time.time() + 30
    while "FINISHED" not in (text_of(driver, "query-status") or "") and time.time() < deadline:
        assert "FAILED" not in (text_of(driver, "query-status") or ""), text_of(driver, "query-status")
        driver.find_element(By.ID, "refresh-query").click()
    assert "FINISHED" in text_of(driver, "query-status"), text_of(driver, "query-status")
    headers = [th.text for th in driver.find_elements(By.CSS_SELECTOR, "#query-results thead th")]
    cells = [td.text for td in driver.find_elements(By.CSS_SELECTOR, "#query-results tbody tr:first-child td")]
    assert headers == ["eventName", "calls"] and cells[0] == "DescribeTrails" and int(cells[1]) >= 2, (headers, cells)
    check_page(driver, "lake-results")


def test_the_policy_editor_shows_validation_findings_and_creates_only_a_policy_without_errors(driver, world):
    sign_in_with_keys(driver, world.key, world.secret)
    console(driver, "/iam")
    broken = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Principal": "*"}]}'
    submit(driver, "create-policy", policyName="console-broken", policyDocument=broken)
    types = [li.get_attribute("data-finding-type") for li in driver.find_elements(By.CSS_SELECTOR, "#policy-findings li")]
    assert "ERROR" in types, types
    assert "MalformedPolicyDocument" in (text_of(driver, "error") or "")
    assert_no_console_errors(driver, allowed_statuses=(400,))
    names = [p["PolicyName"] for p in world.iam.list_policies(Scope="Local")["Policies"]]
    assert "console-broken" not in names
    # iam:PassRole on every role is a SECURITY_WARNING, not an error: the policy is created and the finding shown.
    wide = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}'
    submit(driver, "create-policy", policyName="console-wide", policyDocument=wide)
    assert text_of(driver, "error") is None, text_of(driver, "error")
    assert "console-wide" in (text_of(driver, "flash") or "")
    types = [li.get_attribute("data-finding-type") for li in driver.find_elements(By.CSS_SELECTOR, "#policy-findings li")]
    assert types == ["SECURITY_WARNING"], types
    assert "console-wide" in driver.find_element(By.ID, "iam-policies").text
    assert "console-wide" in [p["PolicyName"] for p in world.iam.list_policies(Scope="Local")["Policies"]]
    check_page(driver, "iam-policy-findings")
