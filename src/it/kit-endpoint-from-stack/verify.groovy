def server = context.get('ordersApi')
try {
    def log = new File(basedir, 'build.log').text

    // the team's suite ran in full and passed
    def reports = new File(basedir, 'target/surefire-reports').listFiles().findAll { it.name ==~ /TEST-.*\.xml/ }
    def suites = reports.collect { new groovy.xml.XmlSlurper().parse(it) }
    assert suites*.@name*.toString() == ['com.example.orders.stage.OrdersApiTest']
    assert suites.sum { it.@tests.toInteger() } == 3
    assert suites.sum { it.@failures.toInteger() + it.@errors.toInteger() + it.@skipped.toInteger() } == 0
    assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')

    // the endpoint came from the stack's ApiUrl output, and the requests reached that server
    assert log.contains('Stage resolved from CloudFormation stack samstage.stackName=orders-api-it (from system property samstage.stackName)')
    assert context.get('ordersApiRequests').sort() == ['GET /Prod/orders/42', 'GET /Prod/orders/999']
} finally {
    server.stop(0)
}
