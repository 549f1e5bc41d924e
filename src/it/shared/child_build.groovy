// Shared by the setup scripts of the interrupted ITs: a Maven build of the IT's project started as a
// child process against the local AWS, with the local AWS's fake credentials, its output in
// interrupted-build.log, so that the setup can stop or kill it mid-way. Evaluate it with
//     def child = evaluate(new File(itShared, 'child_build.groovy'))
def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').absolutePath
def tail = System.getProperty('maven.repo.local') ?: new File(System.getProperty('user.home'), '.m2/repository').absolutePath
def log = new File(basedir, 'interrupted-build.log')
def port = System.getenv('SAMSTAGE_IT_AWS_PORT') ?: awsPort

def killAll = { Process build ->
    build.toHandle().descendants().forEach { it.destroyForcibly() }
    build.destroyForcibly()
    build.waitFor()
}

[
    log: log,
    // starts Maven with these arguments (offline or not, goals, -D properties) after the repository settings
    start: { List<String> mavenArguments, List<String> launcher = [] ->
        def command = launcher + [mvn, '-B', "-Dmaven.repo.local=${localRepositoryPath.absolutePath}",
                "-Dmaven.repo.local.tail=${tail}", "-Dsamstage.endpointUrl=http://localhost:${port}"] + mavenArguments
        def pb = new ProcessBuilder(command*.toString())
                .directory(basedir)
                .redirectErrorStream(true)
                .redirectOutput(log)
        pb.environment().putAll([AWS_ACCESS_KEY_ID: 'AKIAFAKESAMSTAGE0001',
                                 AWS_SECRET_ACCESS_KEY: 'fake/SamstageSecret/DoNotLog/0000000001', AWS_REGION: 'us-east-1'])
        pb.start()
    },
    // polls seen() until it answers something truthy, which it returns; fails when the build ends first or
    // after 300 s, generous since the child Maven builds the project first on a machine that may be busy
    awaitWhileRunning: { Process build, String what, long pollMillis, Closure seen ->
        def deadline = System.currentTimeMillis() + 300_000
        while (true) {
            def found = seen()
            if (found) {
                return found
            }
            if (!build.alive) {
                throw new AssertionError("the build ended (exit ${build.exitValue()}) before ${what}; see ${log}")
            }
            if (System.currentTimeMillis() > deadline) {
                killAll(build)
                throw new AssertionError("not ${what} within 300 s; see ${log}")
            }
            sleep pollMillis
        }
    },
    // SIGKILL to the build and its children: no shutdown hook, no finally block runs
    kill: killAll,
]
