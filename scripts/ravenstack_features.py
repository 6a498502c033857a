#!/usr/bin/env python3
"""One row per RavenStack account with what a CS team would know about it, for ./lodestar model evaluate.

Usage: scripts/ravenstack_features.py DATA_DIR > ravenstack_features.csv
Reads ravenstack_accounts.csv, _subscriptions.csv, _feature_usage.csv and _support_tickets.csv; the label is
the accounts file's churn_flag. Nothing from the churn events file is used (it is the outcome itself).
"""
import csv
import sys
from collections import defaultdict

data = sys.argv[1]


def rows(name):
    with open(f"{data}/ravenstack_{name}.csv", newline="") as f:
        return list(csv.DictReader(f))


subscription_account = {}
subs = defaultdict(list)
for s in rows("subscriptions"):
    subscription_account[s["subscription_id"]] = s["account_id"]
    subs[s["account_id"]].append(s)
usage = defaultdict(lambda: [0, 0.0, 0, set(), 0])
for u in rows("feature_usage"):
    a = subscription_account.get(u["subscription_id"])
    if a is None:
        continue
    t = usage[a]
    t[0] += int(u["usage_count"] or 0)
    t[1] += float(u["usage_duration_secs"] or 0)
    t[2] += int(u["error_count"] or 0)
    t[3].add(u["feature_name"])
    t[4] += 1
tickets = defaultdict(list)
for t in rows("support_tickets"):
    tickets[t["account_id"]].append(t)


def mean(values):
    values = [float(v) for v in values if v not in ("", None)]
    return "" if not values else round(sum(values) / len(values), 3)


out = csv.writer(sys.stdout)
out.writerow(["account_id", "industry", "country", "referral_source", "plan_tier", "seats", "is_trial", "subscriptions",
              "upgrades", "downgrades", "mrr", "annual_billing", "auto_renew", "usage_events", "usage_hours", "errors",
              "features_used", "usage_records", "tickets", "urgent_tickets", "escalations", "resolution_hours",
              "first_response_minutes", "satisfaction", "churn_flag"])
for a in rows("accounts"):
    s = subs[a["account_id"]]
    u = usage[a["account_id"]]
    t = tickets[a["account_id"]]
    out.writerow([a["account_id"], a["industry"], a["country"], a["referral_source"], a["plan_tier"], a["seats"],
                  a["is_trial"], len(s), sum(x["upgrade_flag"] == "True" for x in s),
                  sum(x["downgrade_flag"] == "True" for x in s), mean(x["mrr_amount"] for x in s),
                  sum(x["billing_frequency"] == "annual" for x in s), sum(x["auto_renew_flag"] == "True" for x in s),
                  u[0], round(u[1] / 3600, 2), u[2], len(u[3]), u[4], len(t),
                  sum(x["priority"] == "urgent" for x in t), sum(x["escalation_flag"] == "True" for x in t),
                  mean(x["resolution_time_hours"] for x in t), mean(x["first_response_time_minutes"] for x in t),
                  mean(x["satisfaction_score"] for x in t), a["churn_flag"]])
