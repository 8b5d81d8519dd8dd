// Runs after the generated project's `verify` passed: what the generator itself promises.
def fail = { String message -> throw new AssertionError(message) }
// the generated project: a variable of its own in older archetype plugins, in `context` since 3.3
def projectDir = new File((binding.hasVariable('projectDir') ? binding.getVariable('projectDir') : context.projectDir).toString())

def wrapper = new File(projectDir, 'mvnw')
if (!wrapper.canExecute()) fail("mvnw is not executable")
['mvnw.cmd', '.mvn/wrapper/maven-wrapper.properties', 'compose.yaml', 'README.md',
 'src/main/java/com/example/accounts/KeyPairInitializer.java'].each {
    if (!new File(projectDir, it).isFile()) fail("missing ${it}")
}

def ignored = new File(projectDir, '.gitignore').readLines()
if (!ignored.contains('keys/') || !ignored.contains('*.pem')) fail(".gitignore does not exclude keys/ and *.pem")

def yml = new File(projectDir, 'src/main/resources/application.yml').text
['public-base-url: ${JWTALLAUTH_PUBLIC_BASE_URL:', 'issuer: ${JWTALLAUTH_JWT_ISSUER:',
 'encryption-key: ${JWTALLAUTH_MFA_ENCRYPTION_KEY}', 'private-key: file:keys/private.pem',
 '# refresh-cookie:', '# rate-limit:', '# social:', '# invitations: true'].each {
    if (!yml.contains(it)) fail("application.yml lacks ${it}")
}

def compose = new File(projectDir, 'compose.yaml').text
if (!compose.contains('postgres:') || !compose.contains('mailpit')) fail("compose.yaml lacks PostgreSQL or Mailpit")

def readme = new File(projectDir, 'README.md').text
if (!readme.contains('./mvnw spring-boot:run') || !readme.contains('./mvnw -B verify')) fail("README lacks the two commands")

// the tests ran, the PostgreSQL ones too when a database was given
def reports = new File(projectDir, 'target/surefire-reports')
['ApiControllerWebMvcTests', 'ApplicationTests', 'KeyPairInitializerTests', 'ApplicationPostgresTests'].each {
    if (!new File(reports, "TEST-com.example.accounts.${it}.xml").isFile()) fail("no report of ${it}")
}
if (System.getenv('JWTALLAUTH_TEST_POSTGRES_URL')) {
    def report = new File(reports, 'TEST-com.example.accounts.ApplicationPostgresTests.xml').text
    if (report.contains('<skipped')) fail("ApplicationPostgresTests skipped although JWTALLAUTH_TEST_POSTGRES_URL is set")
}
// the tests' key pair went to target/, not to the project's keys/
if (new File(projectDir, 'keys').exists()) fail("the tests created keys/ in the project")
if (!new File(projectDir, 'target/test-keys/private.pem').isFile()) fail("no key pair created for the tests")
return true
