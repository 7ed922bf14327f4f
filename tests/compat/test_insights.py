"""CloudTrail Insights through boto3 and the aws CLI against a server evaluating every 2 seconds
(CAIRN_INSIGHTS_INTERVAL_SECONDS, set by ClientCompatibilityTests): a burst of writes on an account with an Insights
trail starts an Insight, seen through LookupEvents, ListInsightsData and ListInsightsMetricData."""
import json
import time

import botocore.exceptions
import pytest

from trail_support import Account, cli


def wait_for(predicate, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.5)
    return predicate()


def test_a_burst_of_writes_starts_an_insight_that_boto3_and_the_cli_read(client_factory):
    a = Account(client_factory, prefix="insights")
    trail = a.create("insightful")["TrailARN"]
    ct = a.ct()
    ct.put_insight_selectors(TrailName=trail, InsightSelectors=[{"InsightType": "ApiCallRateInsight"}])
    ct.start_logging(Name=trail)
    for i in range(25):
        ct.add_tags(ResourceId=trail, TagsList=[{"Key": f"k{i % 4}", "Value": "v"}])

    def started():
        events = ct.lookup_events(EventCategory="insight")["Events"]
        return [json.loads(e["CloudTrailEvent"]) for e in events if e["EventName"] == "AddTags"]

    records = wait_for(started)
    assert records, "no Insight within 30 s"
    start = records[-1]
    assert start["eventType"] == "AwsCloudTrailInsight" and start["insightDetails"]["state"] == "Start"
    assert start["insightDetails"]["insightType"] == "ApiCallRateInsight"
    assert start["insightDetails"]["eventSource"] == "cloudtrail.amazonaws.com"
    listed = ct.list_insights_data(InsightSource=trail, DataType="InsightsEvents", Dimensions={"EventName": "AddTags"})["Events"]
    assert any(e["EventId"] == start["eventID"] for e in listed)
    # Counts appear as the evaluator recounts each bucket once it has ended: the burst's last bucket may still be
    # open when its Insight starts, so wait until all 25 calls are counted.
    def counted():
        m = ct.list_insights_metric_data(EventSource="cloudtrail.amazonaws.com", EventName="AddTags", InsightType="ApiCallRateInsight",
                                         Period=60)
        return m if sum(m["Values"]) >= 25 else None

    metrics = wait_for(counted)
    assert metrics, "the burst's 25 calls were not all counted within 30 s"
    assert sum(metrics["Values"]) == 25 and len(metrics["Timestamps"]) == len(metrics["Values"])
    with pytest.raises(botocore.exceptions.ClientError) as e:
        ct.list_insights_metric_data(EventSource="cloudtrail.amazonaws.com", EventName="AddTags", InsightType="ApiErrorRateInsight")
    assert e.value.response["Error"]["Code"] == "InvalidParameterException"
    _, out, _ = cli(a, "lookup-events", "--event-category", "insight")
    assert any(json.loads(e["CloudTrailEvent"])["eventID"] == start["eventID"] for e in out["Events"])
