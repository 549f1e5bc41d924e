def server = context.get('ordersApi')
try {
    def log = new File(basedir, 'build.log').text
    // the team's suite ran in full and passed
    def reports = new File(basedir, 'target/surefire-reports').listFiles().findAll { it.name ==~ /TEST-.*\.xml/ }
    def suites = reports.collect { new groovy.xml.XmlSlurper().parse(it) }
    assert suites*.@name*.toString().sort() == ['com.example.orders.stage.HealthCheckTest', 'com.example.orders.stage.OrdersApiTest']
    assert suites.sum { it.@tests.toInteger() } == 5
    assert suites.sum { it.@failures.toInteger() + it.@errors.toInteger() + it.@skipped.toInteger() } == 0
    assert log.contains('Tests run: 5, Failures: 0, Errors: 0, Skipped: 0')

    // and it really talked to the server named by -Dsamstage.endpoint
    def requests = context.get('ordersApiRequests')
    assert requests.sort() == ['GET /Prod/health', 'GET /Prod/orders/42', 'GET /Prod/orders/999', 'POST /Prod/orders']
} finally {
    server.stop(0)
}
