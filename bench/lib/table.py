#!/usr/bin/env python3
"""Prints the further figures of bench/run (key=value lines) as a markdown table: single runs or best-of-N
figures taken independently, with ratios of those figures. The paired rows, the ones to judge samstage
against the AWS CLI by, are bench/lib/paired.py's."""
import sys

from results import load


def num(v, key):
    try:
        return float(v[key])
    except (KeyError, ValueError):
        return None


def seconds(v, key):
    x = num(v, key)
    return f"{x:.1f} s" if x is not None else v.get(key, "n/a")


def ratio(a, b):
    return f"{a / b:.2f}x" if a is not None and b else "n/a"


def main():
    v = load(sys.argv[1])
    big, small = v.get("big_mb", "?"), v.get("small_mb", "?")
    fns, kb = v.get("functions", "?"), v.get("function_kb", "?")
    rows = []

    s, c = num(v, "s_big_wall"), num(v, "c_big_wall")
    rows.append((f"1. Same {big} MB as a command of its own, `mvn samstage:package` on a pom project (Maven's"
                 f" start-up and the plugin's loading included; best of {v.get('repeat', '?')})",
                 f"{seconds(v, 's_big_wall')}; goal itself {seconds(v, 's_big_plugin')};"
                 f" core without Maven {seconds(v, 'k_big')}",
                 seconds(v, "c_big_wall"),
                 f"{ratio(s, c)} (core alone {ratio(num(v, 'k_big'), c)})",
                 f"Maven on an empty project takes {seconds(v, 'maven_startup')} of it"))
    rows.append(("1. Where the core's time goes",
                 f"{seconds(v, 'k_big_before_upload')} before the first byte (start-up; template and content hash"
                 f" {seconds(v, 'k_big_plan')} while the S3 client starts; HeadObject; first part zipped),"
                 f" {seconds(v, 'k_big_upload')} zip and multipart upload overlapped,"
                 f" {seconds(v, 'k_big_after_upload')} after",
                 "zip + MD5, then upload", "", ""))
    rs, rb = num(v, "s_small_rss"), num(v, "s_big_rss")
    rows.append((f"1. Peak RSS (whole Maven JVM), {small} MB vs {big} MB artifact",
                 f"{v.get('s_small_rss', 'n/a')} MB vs {v.get('s_big_rss', 'n/a')} MB",
                 f"{v.get('c_big_rss', 'n/a')} MB ({big} MB)",
                 f"{ratio(rb, rs)} for {ratio(num(v, 'big_mb'), num(v, 'small_mb'))} the data",
                 "independent of size"))
    rows.append((f"1. {big} MB packaged with the heap capped at 64 MB (-Xmx64m)",
                 v.get("s_capped", "n/a"), "", "", "streams, never holds a file"))

    rows.append(("2. Second run, nothing changed, fresh copy: bytes uploaded",
                 f"{v.get('s2_bytes', 'n/a')} ({v.get('s2_objects', '?')} objects; manifest:"
                 f" {v.get('s2_manifest_bytes', '?')})",
                 f"{v.get('c2_bytes', 'n/a')} ({v.get('c2_objects', '?')} objects)", "", "samstage 0"))
    rows.append(("2. Packaged template identical to the first run's",
                 v.get("s2_same", "n/a"), v.get("c2_same", "n/a"), "", "samstage yes"))
    rows.append(("2. Second run wall", seconds(v, "s2_wall"), seconds(v, "c2_wall"),
                 ratio(num(v, "s2_wall"), num(v, "c2_wall")), ""))

    k8, k1, cm = num(v, "k_many_8"), num(v, "k_many_1"), num(v, "c_many_wall")
    rows.append((f"3. Package {fns} functions ({kb} KB each): wall",
                 f"{seconds(v, 's_many_wall')} (`mvn`); goal itself {seconds(v, 's_many_plugin')}",
                 seconds(v, "c_many_wall"), ratio(num(v, "s_many_wall"), cm), ""))
    u8, u1 = num(v, "k_many_8_upload"), num(v, "k_many_1_upload")
    rows.append((f"3. {fns} functions, core without Maven: 8 uploads at a time vs 1",
                 f"{seconds(v, 'k_many_8')} vs {seconds(v, 'k_many_1')} (upload phase {seconds(v, 'k_many_8_upload')}"
                 f" vs {seconds(v, 'k_many_1_upload')})", "one at a time",
                 f"speed-up {ratio(k1, k8)} (upload phase {ratio(u1, u8)}); CLI / core {ratio(cm, k8)}",
                 "report the speed-up"))

    secs = v.get("stack_seconds", "?")
    sd, cd = num(v, "s_deploy_wall"), num(v, "c_deploy_wall")
    rows.append((f"4. First deploy, plain 2-resource stack taking {secs} s (`mvn samstage:deploy` after"
                 " `samstage:package`; `aws cloudformation deploy`)",
                 f"{seconds(v, 's_deploy_wall')} wall, goal itself {seconds(v, 's_deploy_plugin')},"
                 f" {v.get('s_deploy_calls', '?')} API calls, {v.get('s_deploy_status', '?')}",
                 f"{seconds(v, 'c_deploy_wall')} wall, {v.get('c_deploy_calls', '?')} API calls,"
                 f" {v.get('c_deploy_status', '?')}",
                 ratio(sd, cd), ""))
    sl, cl = num(v, "s_deploy_lag"), num(v, "c_deploy_lag")
    rows.append(("4. Completion lag: stack's terminal event to the tool's exit",
                 seconds(v, "s_deploy_lag"), f"{seconds(v, 'c_deploy_lag')} (its waiter polls every 30 s)",
                 ratio(sl, cl), "<= 1 s: " + ("n/a" if sl is None else ("met" if sl <= 1 else "NOT met"))))
    same = lambda a, b: "no execution" if v.get(a) and v.get(a) == v.get(b) else "EXECUTED"
    rows.append(("4. No-op redeploy (same template)",
                 f"{seconds(v, 's_redeploy_wall')} wall, goal itself {seconds(v, 's_redeploy_plugin')},"
                 f" {v.get('s_redeploy_calls', '?')} API calls, {same('s_redeploy_events', 's_deploy_events')}",
                 f"{seconds(v, 'c_redeploy_wall')} wall, {v.get('c_redeploy_calls', '?')} API calls,"
                 f" {same('c_redeploy_events', 'c_deploy_events')}",
                 ratio(num(v, "s_redeploy_wall"), num(v, "c_redeploy_wall")),
                 f"no upload ({v.get('noop_uploads', '?')} in the bucket), no execution, a handful of calls"))

    lw = num(v, "local_wall")
    rows.append(("5. `mvn deploy-stage -Denv=local`, sample app, warm ~/.m2 (build, unit tests, package,"
                 " local deploy, integration suite)",
                 f"{seconds(v, 'local_wall')} ({v.get('local_tests', '?')} in the stage suite);"
                 f" {v.get('local_breakdown', '')}",
                 "`sam local start-api`: cannot run here (needs Docker)", "",
                 "< 20 s: " + ("n/a" if lw is None else ("met" if lw < 20 else "NOT met"))))
    lp50, lp99, rp50, rp99 = (num(v, k) for k in ("local_p50_us", "local_p99_us", "raw_p50_us", "raw_p99_us"))
    d50, d99, dr50 = (num(v, k) for k in ("default_local_p50_us", "default_local_p99_us", "default_raw_p50_us"))
    if lp50 is not None:
        rows.append((f"5. Local stage per request, trivial handler, {v.get('requests', '?')} sequential keep-alive"
                     " requests, TCP_NODELAY on (-Dsun.net.httpserver.nodelay=true)",
                     f"p50 {lp50 / 1000:.2f} ms, p99 {lp99 / 1000:.2f} ms (bare JDK HTTP server, same JVM:"
                     f" p50 {rp50 / 1000:.2f} ms, p99 {rp99 / 1000:.2f} ms)",
                     "cannot run here (needs Docker)",
                     f"emulator adds {(lp50 - rp50) / 1000:.2f} ms at p50, {(lp99 - rp99) / 1000:.2f} ms at p99",
                     "report p50/p99"))
    else:
        rows.append(("5. Local stage per request", "FAILED", "", "", ""))
    if d50 is not None:
        rows.append((f"5. Same, JDK HTTP server defaults (TCP_NODELAY off; the local stage turns it on), "
                     f"{v.get('default_requests', '?')} requests",
                     f"p50 {d50 / 1000:.2f} ms, p99 {d99 / 1000:.2f} ms (bare JDK HTTP server: p50 {dr50 / 1000:.2f} ms)",
                     "", "Nagle + delayed ACK on keep-alive", ""))

    print("| Measurement | samstage | AWS CLI / peer | Ratio | Target |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(cell.replace("|", "/") for cell in row) + " |")
    print()
    print(f"Machine: {v.get('cpus', '?')} CPUs, load average {v.get('load', '?')} at the end; {v.get('java', '')};"
          f" {v.get('cli', '')}; local AWS: moto 5.2.1 in server mode on the same machine.")


if __name__ == "__main__":
    main()
