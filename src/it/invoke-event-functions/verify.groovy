import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def results = new File(basedir, 'target/samstage/local/invoke')

// first build: the kit suite invoked the functions through the local stage's Lambda Invoke API
assert log.contains("Suite 'integration' passed: Tests run: 3, Failures: 0, Skipped: 0")
assert log =~ /POST \/2015-03-31\/functions\/OrderEventsFunction\/invocations -> OrderEventsFunction 200 /
assert log =~ /POST \/2015-03-31\/functions\/ShipmentsFunction\/invocations -> ShipmentsFunction 200 /
def outputs = new JsonSlurper().parse(new File(basedir, 'target/samstage/local/outputs.json'))
assert outputs.lambdaEndpoint ==~ /http:\/\/127\.0\.0\.1:\d+\//
def reports = new File(basedir, 'target/samstage/local/test-reports').listFiles().findAll { it.name.endsWith('.xml') }
assert reports.size() == 1
def suite = new groovy.xml.XmlSlurper().parse(reports[0])
assert suite.@tests.toInteger() == 3 && suite.@failures.toInteger() == 0 && suite.@errors.toInteger() == 0
assert suite.testcase.findAll { it.@classname == 'example.OrderEventsIT' }.size() == 3

def shipments = new JsonSlurper().parse(new File(results, 'ShipmentsFunction.json'))
// the sample event has no orderId: the null is left out of the result, as the serializer does
assert shipments == [status: 'SHIPPED']
assert log.contains('[INFO] [ShipmentsFunction] order null shipped by aws.ec2')

def orders = new JsonSlurper().parse(new File(results, 'OrderEventsFunction.json'))
assert orders.processed == 2
assert orders.messageIds == ['059f36b4-87a3-44ab-83d2-661975830a7d', '2e1424d4-f796-459a-8184-9c92662be6da']
assert log.contains('[INFO] [OrderEventsFunction] processing 2 order message(s) for shop north')
assert log.contains('[INFO] OrderEventsFunction returned {"processed":2,"messageIds":["059f36b4-87a3-44ab-83d2-661975830a7d","2e1424d4-f796-459a-8184-9c92662be6da"]}')

def nightly = new JsonSlurper().parse(new File(results, 'NightlyJob.json'))
assert nightly == [detailType: 'Scheduled Event', rule: 'arn:aws:events:us-east-1:123456789012:rule/order-events-nightly', day: '2026-12-04']
assert log.contains('[INFO] NightlyJob returned {"detailType":"Scheduled Event","rule":"arn:aws:events:us-east-1:123456789012:rule/order-events-nightly","day":"2026-12-04"}')
assert log.contains("[INFO] Result written to ${new File(results, 'NightlyJob.json').canonicalPath}")

assert log =~ /Local stage local listening on http:\/\/127\.0\.0\.1:\d+\/ with 0 route\(s\); not served over HTTP \(run them with samstage:invoke or Lambda's Invoke API\): OrderEventsFunction, ShipmentsFunction, NightlyJob/

assert log.contains("No function OrderFunction in ${new File(basedir, 'template.yaml').canonicalPath} (-Dsamstage.function); its functions: OrderEventsFunction, ShipmentsFunction, NightlyJob")
