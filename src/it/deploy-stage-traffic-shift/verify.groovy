import groovy.json.JsonSlurper

def aws = evaluate(new File(itShared, 'local_aws.groovy'))
try {
    def log = new File(basedir, 'build.log').text
    // one block of the log per invoker.goals.N, in order
    def runs = log.split(/(?m)^\[INFO\] Scanning for projects\.\.\.$/).toList().drop(1)
    assert runs.size() == 7 : "expected 7 builds in build.log, found ${runs.size()}"
    def lines = { int goal -> runs[goal - 1].readLines() }
    def shiftLines = { int goal -> lines(goal).findAll { it.startsWith('[INFO] Traffic shift of ') } }
    def percents = { int goal -> shiftLines(goal).collect { (it =~ /: (\d+)% of traffic on the new version/) }
            .findAll { it.find() }.collect { it.group(1).toInteger() }.unique() }
    def failure = { int goal -> lines(goal).findAll { it.startsWith('[ERROR] Failed to execute goal dev.samstage:samstage-maven-plugin:') } }
    def id = /d-[A-Z0-9]{9}/
    def execution = /[0-9a-f]{32}/

    // 1, 2. dev, AllAtOnce: v1 created; v2 passes both hooks and takes all traffic in one step
    assert lines(1).contains('[INFO] Stack shop-dev in eu-west-1 is CREATE_COMPLETE.')
    assert lines(2).contains('[INFO] Stage dev: deployment preference AllAtOnce applied to ShopFunction.')
    assert lines(2).any { it ==~ /\[INFO\] Traffic shift of shop-dev-ShopFunction-\w+:live to version 2 succeeded \(CodeDeploy deployment ${id}\): all traffic is on the new version\./ }
    assert shiftLines(2).every { it.contains('(step 0 of 1, all at once)') || it.contains('(step 1 of 1, all at once)') || it.contains(' succeeded ') } : shiftLines(2)
    assert lines(2).contains('[INFO] Stack shop-dev in eu-west-1 is UPDATE_COMPLETE.')
    [1, 2].each { assert lines(it).any { l -> l.contains("Suite 'integration' passed: Tests run: 1, Failures: 0, Skipped: 0") } }

    // 3. the PreTraffic hook's code invoked the unhealthy version 3, which answered 503, and reported Failed
    def pre = lines(3).findAll { it.startsWith('[ERROR] Traffic shift of ') }
    assert pre.size() == 1 && pre[0] ==~ /\[ERROR\] Traffic shift of shop-dev-ShopFunction-\w+:live to version 3 failed \(CodeDeploy deployment ${id}\) with HOOK_EXECUTION_FAILURE: The BeforeAllowTraffic hook CodeDeployHook_shop-dev_PreTraffic reported Failed \(lifecycle event hook execution ${execution}\)\./ : pre
    assert lines(3).contains('[ERROR] CloudFormation rolled stack shop-dev back (UPDATE_ROLLBACK_COMPLETE): the alias serves the previous version.')
    assert failure(3).size() == 1 && failure(3)[0] ==~ /.*: Stack shop-dev in eu-west-1 ended in UPDATE_ROLLBACK_COMPLETE: Traffic shifting in stack shop-dev failed and was rolled back: shop-dev-ShopFunction-\w+:live \(deployment ${id}\) failed with HOOK_EXECUTION_FAILURE; the previous version is still in place\. Fix the cause and deploy again\. -> \[Help 1\]/ : failure(3)
    assert percents(3).every { it == 0 } : 'no traffic reached the unhealthy release'
    assert !lines(3).any { it.contains("Suite 'integration'") } : 'no suite runs after a failed deploy'

    // 4. healthy but faulty version 4: all traffic moved, then the PostTraffic hook's sanity suite (the
    // kit's LifecycleHookHandler, calling the API through the data plane) failed and reported Failed
    def post = lines(4).findAll { it.startsWith('[ERROR] Traffic shift of ') }
    assert post.size() == 1 && post[0] ==~ /\[ERROR\] Traffic shift of shop-dev-ShopFunction-\w+:live to version 4 failed \(CodeDeploy deployment ${id}\) with HOOK_EXECUTION_FAILURE: The AfterAllowTraffic hook CodeDeployHook_shop-dev_PostTraffic reported Failed \(lifecycle event hook execution ${execution}\)\./ : post
    assert lines(4).contains('[ERROR] CloudFormation rolled stack shop-dev back (UPDATE_ROLLBACK_COMPLETE): the alias serves the previous version.')

    // read back dev: the hooks ran as CodeDeploy invoked them, once per deployment
    def invocations = { String function ->
        aws.compat('GET', "/samstage-compat/lambda/invocations?account=111111111111&region=eu-west-1&functionName=${function}").invocations
    }
    assert invocations('CodeDeployHook_shop-dev_PreTraffic').size() == 3
    assert invocations('CodeDeployHook_shop-dev_PostTraffic').size() == 2 : 'the PostTraffic hook is skipped after a PreTraffic failure'
    // the alias is back on version 2, and it runs v2's code: through the stage's API and invoked directly
    def devKey = aws.assumeRole('arn:aws:iam::111111111111:role/shop-eu-west-1-DeploymentRole', 'eu-west-1')
    def devFunction = (lines(2).find { it.contains(':live to version 2 succeeded') } =~ /(shop-dev-ShopFunction-\w+):live/)[0][1]
    def devAlias = aws.alias(devKey, devFunction, 'live', 'eu-west-1')
    assert devAlias.FunctionVersion == '2' && !devAlias.RoutingConfig?.AdditionalVersionWeights
    def ran = aws.invokeFunction(devKey, "${devFunction}:live".toString(), '{"resource":"/health","path":"/health","httpMethod":"GET"}', 'eu-west-1')
    assert ran.version == '2' && ran.error == null
    assert ran.answer.statusCode == 200 && new JsonSlurper().parseText(ran.answer.body) == [status: 'ok', release: 'v2']
    def devOutputs = new JsonSlurper().parse(new File(basedir, 'target/samstage/dev/outputs.json'))
    assert new JsonSlurper().parse(new URL(devOutputs.endpoint + '/quote/Grace')) == [quote: 'Hello, Grace', release: 'v2']
    assert aws.stackStatus(devKey, 'shop-dev', 'eu-west-1') == 'UPDATE_ROLLBACK_COMPLETE'

    // 5, 6. prod, Linear10PercentEvery1Minute: every step from 10% to 100% shown, then the sanity suite
    assert lines(5).contains('[INFO] Stack shop-prod in eu-west-1 is CREATE_COMPLETE.')
    assert lines(6).contains('[INFO] Stage prod: deployment preference Linear10PercentEvery1Minute applied to ShopFunction.')
    assert percents(6) == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100] : percents(6)
    assert lines(6).any { it ==~ /\[INFO\] Traffic shift of shop-prod-ShopFunction-\w+:live to version 2: 100% of traffic on the new version \(step 10 of 10, linear 10% every 1 min\); hooks: BeforeAllowTraffic Succeeded, AfterAllowTraffic InProgress/ }
    assert lines(6).any { it ==~ /\[INFO\] Traffic shift of shop-prod-ShopFunction-\w+:live to version 2 succeeded \(CodeDeploy deployment ${id}\): all traffic is on the new version\./ }
    assert lines(6).contains('[INFO] Stack shop-prod in eu-west-1 is UPDATE_COMPLETE.')
    [5, 6].each { assert lines(it).any { l -> l.contains("Suite 'sanity' passed: Tests run: 1, Failures: 0, Skipped: 0") } }

    // 7. the stack's alarm went to ALARM at 30%: stopped with CodeDeploy's ALARM_ACTIVE naming it, rolled back
    def alarm = lines(7).findAll { it.startsWith('[ERROR] Traffic shift of ') }
    assert alarm.size() == 1 && alarm[0] ==~ /\[ERROR\] Traffic shift of shop-prod-ShopFunction-\w+:live to version 3 was stopped \(CodeDeploy deployment ${id}\) with ALARM_ACTIVE: One or more alarms have been activated according to the Amazon CloudWatch metrics you selected, and the affected deployments have been stopped\. Activated alarms: <shop-prod-errors>/ : alarm
    assert lines(7).any { it.startsWith('[ERROR] Alarm shop-prod-errors in ALARM since ') }
    assert lines(7).contains('[ERROR] CloudFormation rolled stack shop-prod back (UPDATE_ROLLBACK_COMPLETE): the alias serves the previous version.')
    assert failure(7).size() == 1 && failure(7)[0] ==~ /.*: Stack shop-prod in eu-west-1 ended in UPDATE_ROLLBACK_COMPLETE: Traffic shifting in stack shop-prod failed and was rolled back: shop-prod-ShopFunction-\w+:live \(deployment ${id}\) stopped with ALARM_ACTIVE, alarms in ALARM: shop-prod-errors; the previous version is still in place\. Fix the cause and deploy again\. -> \[Help 1\]/ : failure(7)
    assert percents(7).every { it <= 30 } : percents(7)
    def trips = aws.compat('GET', '/samstage-compat/alarm-trips').trips.findAll { it.alarmName == 'shop-prod-errors' }
    assert trips.size() == 1 && trips[0].firedBy ==~ id

    // read back prod: alias on version 2 again, serving v2; the stack rolled back
    def prodKey = aws.assumeRole('arn:aws:iam::222222222222:role/shop-eu-west-1-DeploymentRole', 'eu-west-1')
    def prodFunction = (lines(6).find { it.contains(':live to version 2 succeeded') } =~ /(shop-prod-ShopFunction-\w+):live/)[0][1]
    def prodAlias = aws.alias(prodKey, prodFunction, 'live', 'eu-west-1')
    assert prodAlias.FunctionVersion == '2' && !prodAlias.RoutingConfig?.AdditionalVersionWeights
    def prodOutputs = new JsonSlurper().parse(new File(basedir, 'target/samstage/prod/outputs.json'))
    assert new JsonSlurper().parse(new URL(prodOutputs.endpoint + '/quote/Grace')) == [quote: 'Hello, Grace', release: 'v2']
    assert aws.stackStatus(prodKey, 'shop-prod', 'eu-west-1') == 'UPDATE_ROLLBACK_COMPLETE'
} finally {
    // the next projects run on the local AWS's usual clock and with no armed trip
    aws.compat('POST', '/samstage-compat/clock', "{\"minuteSeconds\": ${new File(basedir, 'minute-seconds-before.txt').text}}")
    aws.compat('DELETE', '/samstage-compat/alarm-trips')
}
true
