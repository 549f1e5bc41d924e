def log = new File(basedir, 'build.log').text
assert log =~ /Local stage local listening on http:\/\/127\.0\.0\.1:\d+\/ with 1 route\(s\)/
assert log.contains('GET /greetings/{name} -> GreeterFunction (REST API)')
assert log.contains('Stopping in 2 s')
assert log.contains('BUILD SUCCESS')
