def log = new File(basedir, 'build.log').text
assert log.contains("samstage: skipping platform, not a SAM app (no template.yaml, template.yml, template.json in ${basedir.canonicalPath})")
assert log.contains("samstage: skipping lib, not a SAM app (no template.yaml, template.yml, template.json in ${new File(basedir, 'lib').canonicalPath})")
assert log.contains('BUILD SUCCESS')
