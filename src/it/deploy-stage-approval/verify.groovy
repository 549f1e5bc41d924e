def log = new File(basedir, 'build.log').text
def stage = new File(basedir, 'target/samstage/dev')

// first run: the change set waits for review; its id and a summary are left for the next step
def id = new File(stage, 'change-set-id').text.trim()
assert id ==~ /arn:aws:cloudformation:eu-west-1:111111111111:changeSet\/[\w-]+\/[\w-]+/ : id
assert new File(stage, 'change-set-summary.txt').text.startsWith('Stage dev: stack approvals-dev in eu-west-1, ')
assert log.contains("Change set ") && log.contains(" awaits approval; nothing was executed.")
assert !log.contains('Executing change set')
// verify ran nothing, said so in one line, and the build succeeded
assert log.contains("[WARNING] samstage: suite not run: nothing was executed on stage dev, change set ${id} awaits approval;"
        + " approve it (the pipeline's Approve-dev action executes it next) or run mvn deploy-stage -Denv=dev"
        + " -Dsamstage.changeSet=${id}.")
assert !new File(stage, 'outputs.json').exists()
assert !new File(stage, 'test-reports').exists()
assert log.readLines().count { it.contains('BUILD SUCCESS') } == 1

// second run: the empty property fails in one line and creates no new change set
assert log.contains('-Dsamstage.changeSet is empty: no reviewed change set to execute, nothing was deployed;')
assert log.readLines().count { it.contains(' awaits approval; nothing was executed.') } == 1
assert new File(stage, 'change-set-id').text.trim() == id
assert log.contains('BUILD FAILURE')
