-- Event history's Insights (LookupEvents with EventCategory insight, the console's Insights page): Insights events
-- are a handful among millions of management events, and no other index leads with the category, so the lookup
-- scanned the account's whole history (11 s at 10 million events). A partial index holds only them; event history's
-- statements are planned with their values, so the planner sees `event_category = 'Insight'` and uses it.
CREATE INDEX events_insights ON events (account_id, region, event_time DESC) WHERE event_category = 'Insight';
