import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def results = new File(basedir, 'target/samstage/local/invoke')

def orders = new JsonSlurper().parse(new File(results, 'OrderEventsFunction.json'))
assert orders.processed == 2
assert orders.messageIds == ['059f36b4-87a3-44ab-83d2-661975830a7d', '2e1424d4-f796-459a-8184-9c92662be6da']
assert log.contains('[INFO] [OrderEventsFunction] processing 2 order message(s) for shop north')
assert log.contains('[INFO] OrderEventsFunction returned {"processed":2,"messageIds":["059f36b4-87a3-44ab-83d2-661975830a7d","2e1424d4-f796-459a-8184-9c92662be6da"]}')

def nightly = new JsonSlurper().parse(new File(results, 'NightlyJob.json'))
assert nightly == [detailType: 'Scheduled Event', rule: 'arn:aws:events:us-east-1:123456789012:rule/order-events-nightly', day: '2026-12-04']
assert log.contains('[INFO] NightlyJob returned {"detailType":"Scheduled Event","rule":"arn:aws:events:us-east-1:123456789012:rule/order-events-nightly","day":"2026-12-04"}')
assert log.contains("[INFO] Result written to ${new File(results, 'NightlyJob.json').canonicalPath}")

assert log =~ /Local stage local listening on http:\/\/127\.0\.0\.1:\d+\/ with 0 route\(s\); not served over HTTP \(run them with samstage:invoke\): OrderEventsFunction, NightlyJob/

assert log.contains("No function OrderFunction in ${new File(basedir, 'template.yaml').canonicalPath} (-Dsamstage.function); its functions: OrderEventsFunction, NightlyJob")
