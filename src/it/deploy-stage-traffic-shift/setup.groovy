// The artifact bucket lives in the build account. The local AWS's clock runs one AWS minute in two
// seconds for this project (restored by verify.groovy): prod's linear shift takes twenty seconds, and
// each step outlasts the plugin's polls (trafficPollInterval in the pom) even on a busy machine.
def aws = evaluate(new File(itShared, 'local_aws.groovy'))
aws.createBucket('shop-artifacts-eu-west-1', 'eu-west-1')
new File(basedir, 'minute-seconds-before.txt').text = aws.compat('GET', '/samstage-compat/clock').minuteSeconds.toString()
aws.compat('POST', '/samstage-compat/clock', '{"minuteSeconds": 2.0}')
// the test's stand-in for CloudWatch seeing errors of prod's v3 (function version 3) once it gets 30%
// of the traffic: the compat layer sets the stack's alarm to ALARM then (compat/cloudwatch_alarm.py)
aws.compat('POST', '/samstage-compat/alarm-trips',
        '{"account": "222222222222", "region": "eu-west-1", "alarmName": "shop-prod-errors", "percent": 30, "targetVersion": "3"}')
true
