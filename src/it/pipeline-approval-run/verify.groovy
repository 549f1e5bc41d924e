// Runs the generated pipeline's build specs in order, as CodeBuild would: each action in its own
// copy of the build action's output, the commands of its build phase in one shell that stops at
// the first failure, exported variables read at the end. mvn is this Maven, offline, on the IT's
// local repository and the local AWS.
def pipeline = new File(basedir, 'target/samstage/pipeline/relay-pipeline.yaml').text

def buildSpec = { String project ->
    def lines = pipeline.readLines()
    int start = lines.findIndexOf { it == "  ${project}:".toString() }
    assert start >= 0 : "no ${project} in the pipeline template"
    int sub = (start..<lines.size()).find { lines[it].trim().startsWith('Fn::Sub: |') }
    int indent = lines[sub + 1].takeWhile { it == ' ' }.length()
    def body = []
    for (int k = sub + 1; k < lines.size(); k++) {
        def line = lines[k]
        if (line.trim() && line.takeWhile { it == ' ' }.length() < indent) break
        body << (line.length() >= indent ? line.substring(indent) : '')
    }
    def commands = []
    int c = body.findIndexOf { it == '    commands:' }
    for (int k = c + 1; k < body.size() && body[k].startsWith('      - '); k++) {
        commands << body[k].substring(8)
    }
    int e = body.findIndexOf { it == '  exported-variables:' }
    def exported = []
    for (int k = e + 1; e >= 0 && k < body.size() && body[k].startsWith('    - '); k++) {
        exported << body[k].substring(6)
    }
    [commands: commands, exported: exported]
}

def bin = new File(basedir, 'target/pipeline-run/bin')
bin.mkdirs()
def mvn = new File(bin, 'mvn')
def port = System.getenv('SAMSTAGE_IT_AWS_PORT') ?: awsPort
def tail = new File(System.getProperty('user.home'), '.m2/repository')
mvn.text = """#!/bin/bash
exec "${System.getProperty('maven.home')}/bin/mvn" -o -Dmaven.repo.local="${localRepositoryPath}" \\
  -Dmaven.repo.local.tail="${tail}" -Dsamstage.endpointUrl=http://localhost:${port} "\$@"
"""
mvn.setExecutable(true)

def run = { String action, String project, Map<String, String> variables ->
    def spec = buildSpec(project)
    def workspace = new File(basedir, "target/pipeline-run/${action}")
    if (action != 'Build') {
        // an action's input is the build action's output
        def copy = ['cp', '-a', new File(basedir, 'target/pipeline-run/Build').path, workspace.path].execute()
        assert copy.waitFor() == 0
    }
    def script = new StringBuilder('set -e\n')
    spec.commands.each { script << it << '\n' }
    spec.exported.each { script << "echo \"EXPORTED ${it}=\$${it}\"\n" }
    def pb = new ProcessBuilder('bash', '-c', script.toString()).directory(workspace).redirectErrorStream(true)
    pb.environment().putAll([PATH: bin.path + ':' + System.getenv('PATH'), AWS_ACCESS_KEY_ID: 'AKIAFAKESAMSTAGE0001',
                             AWS_SECRET_ACCESS_KEY: 'fake/SamstageSecret/DoNotLog/0000000001', AWS_REGION: 'us-east-1'])
    pb.environment().putAll(variables)
    def process = pb.start()
    def output = process.inputStream.text
    new File(basedir, "target/pipeline-run/${action}.log").text = output
    def exported = [:]
    output.readLines().findAll { it.startsWith('EXPORTED ') }.each {
        def pair = it.substring(9)
        exported[pair.substring(0, pair.indexOf('='))] = pair.substring(pair.indexOf('=') + 1)
    }
    [exit: process.waitFor(), output: output, exported: exported]
}

// the build action: a copy of the sources, built, tested and packaged once
def build = new File(basedir, 'target/pipeline-run/Build')
build.mkdirs()
['pom.xml', 'template.yaml', 'src'].each { name ->
    assert ['cp', '-a', new File(basedir, name).path, build.path].execute().waitFor() == 0
}
def built = run('Build', 'PackageProject', [:])
assert built.exit == 0 : built.output
def packaged = new File(build, 'target/samstage/dev/packaged-template.yaml').text

// dev deploys the build's artifact and runs its suite
def dev = run('Deploy-dev', 'DevDeployProject', [:])
assert dev.exit == 0 : dev.output
assert !dev.output.contains('Packaged template.yaml') && !dev.output.contains('maven-jar-plugin')
assert dev.output.contains('Stack relay-dev in eu-west-1 is CREATE_COMPLETE.')

// prod: the change set action stops after creating the change set and exports its id
def created = run('CreateChangeSet-prod', 'ProdChangeSetProject', [:])
assert created.exit == 0 : created.output
def id = created.exported.SAMSTAGE_CHANGE_SET
assert id ==~ /arn:aws:cloudformation:eu-west-1:333333333333:changeSet\/[\w-]+\/[\w-]+/ : created.exported
assert created.exported.SAMSTAGE_CHANGE_SET_SUMMARY.startsWith('Stage prod: stack relay-prod in eu-west-1, ')
assert created.output.contains(' awaits approval; nothing was executed.')
assert !created.output.contains('Executing change set')

// without an approved id the execute action fails before deploying anything
def refused = run('Execute-prod-without-id', 'ProdExecuteProject', [SAMSTAGE_CHANGE_SET: ''])
assert refused.exit != 0
assert refused.output.contains('No approved change set id in the variable SAMSTAGE_CHANGE_SET for prod; nothing was executed.')
assert !refused.output.contains('[INFO] Building relay')

// approved: the execute action executes exactly that change set, of the build's template, and runs the suite
def executed = run('Execute-prod', 'ProdExecuteProject', [SAMSTAGE_CHANGE_SET: id])
assert executed.exit == 0 : executed.output
def name = id.split('/')[1]
assert executed.output.contains("Executing change set ${name} on stack relay-prod in eu-west-1.")
assert executed.output.readLines().count { it.contains('Executing change set') } == 1
assert executed.output.contains('Stack relay-prod in eu-west-1 is CREATE_COMPLETE.')
assert executed.output.contains('Tests run: 1, Failures: 0') || executed.output =~ /1 test(s)? (successful|passed)/ : executed.output
assert new File(basedir, 'target/pipeline-run/Execute-prod/target/samstage/dev/packaged-template.yaml').text == packaged
assert !new File(basedir, 'target/pipeline-run/Execute-prod/target/samstage/prod/change-set-id').exists()
