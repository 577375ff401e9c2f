#!/usr/bin/env python3
"""Where a phase-profile.sh run's "submit, schedule, start-up" time goes, from its own records.

usage: benchmarks/e2e/submit-breakdown.py OUT_DIR/run-R-N [...]

Prints, per run, a Markdown table of seconds since submit.sh started the client JVM (its log line
has 1 s resolution): the client's first logdex log line (JVM start, class loading, option
parsing), Beam's translation, the REST submission (job jar and job graph upload) and its
acknowledgement; the JobManager's state changes (REST `/jobs/ID` timestamps) and its
"initialization on master" (it opens the job jar to compute the input splits); per TaskManager the
start of its job jar download from the blob server and its first task RUNNING; the first chunk
ingest (the build's phase report); the commit; FINISHED; and when the client saw it. Then the
partition merges per TaskManager (run descriptors read and merges written by each subtask of
GroupRunsByPartition) and the TaskManagers' CPU during the job.
"""
import datetime
import glob
import json
import re
import sys


def stamp(line):
    m = re.match(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3})", line)
    return datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp() if m else None


def first(path, pattern):
    with open(path, errors="replace") as f:
        for line in f:
            if re.search(pattern, line) and stamp(line):
                return stamp(line)
    return None


def breakdown(d):
    log = d + "/cluster/log"
    job = json.load(open(d + "/vertices.json"))
    ts = job["timestamps"]
    dist = json.load(open(d + "/phases.json"))["distributions"]
    hms = re.match(r"\[(\d\d:\d\d:\d\d)\]", open(d + "/client.log").readline()).group(1)
    day = datetime.datetime.fromtimestamp(ts["INITIALIZING"] / 1e3).strftime("%Y-%m-%d ")
    t0 = datetime.datetime.strptime(day + hms, "%Y-%m-%d %H:%M:%S").timestamp()
    events = [
        ("client: first logdex log line (JVM start, class loading, options)", first(log + "/client.log", r"logdex")),
        ("client: Beam translates the pipeline", first(log + "/client.log", r"Translating pipeline")),
        ("client: REST submission starts (job jar + job graph upload)", first(log + "/client.log", r"Submitting job")),
        ("client: submission acknowledged", first(log + "/client.log", r"Successfully submitted")),
        ("JobManager: job INITIALIZING", ts["INITIALIZING"] / 1e3),
        ("JobManager: initialization on master done", first(log + "/jobmanager.log", r"Successfully ran initialization on master")),
        ("JobManager: job RUNNING", ts["RUNNING"] / 1e3),
    ]
    for tm in sorted(glob.glob(log + "/taskmanager-*.log")):
        n = re.search(r"taskmanager-(\d+)\.log$", tm).group(1)
        events.append(("tm-%s: job jar download starts" % n, first(tm, r"BlobClient.*Downloading")))
        events.append(("tm-%s: first task RUNNING" % n, first(tm, r"switched from INITIALIZING to RUNNING")))
    events += [
        ("first chunk ingest starts", dist["ingestStartedAt"]["min"] / 1e3),
        ("commit ends", dist["commitEndedAt"]["max"] / 1e3),
        ("JobManager: job FINISHED", ts["FINISHED"] / 1e3),
        ("client: sees the job finished", first(log + "/client.log", r"Execution finished")),
    ]
    print("%s\n\n| event | s since submit.sh |\n|---|---|" % d)
    for name, t in events:
        print("| %s | %s |" % (name, "%.1f" % (t - t0) if t else "-"))
    for v in job["vertices"]:
        if "GroupReduce at BuildIndex/GroupRunsByPartition" in v["name"]:
            merges = ", ".join("%s: %s descriptors, %s merges" % (s.get("taskmanager-id"),
                               s["metrics"].get("read-records"), s["metrics"].get("write-records"))
                               for s in sorted(v["subtasks"], key=lambda s: s.get("taskmanager-id", "")))
            print("\n- merges per TaskManager: " + merges)
    print("- TaskManager CPU during the job: %.1f s\n" % (int(open(d + "/tm-cpu-millis").read()) / 1e3))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for run in sys.argv[1:]:
        breakdown(run.rstrip("/"))
