// Runs once, after the archetype plugin has written the project.
def project = new File(request.outputDirectory, request.artifactId)

// The archetype jar cannot carry a file named .gitignore: it is shipped as gitignore.
def ignore = new File(project, 'gitignore')
if (ignore.isFile()) {
    ignore.renameTo(new File(project, '.gitignore'))
}

// Archetype resources lose their file modes: the wrapper must be executable again.
def wrapper = new File(project, 'mvnw')
if (!wrapper.setExecutable(true, false)) {
    println "Could not make ${wrapper} executable: run it as `sh mvnw`"
}

println """
jwt-allauth: created ${project}

Next steps:
  cd ${request.artifactId}
  docker compose up -d                                      # PostgreSQL, and Mailpit at http://localhost:8025
  export JWTALLAUTH_MFA_ENCRYPTION_KEY=\$(openssl rand -base64 32)   # keep it: changing it locks MFA users out
  ./mvnw spring-boot:run                                    # creates keys/ (ES256 key pair) on the first start
  ./mvnw -B verify                                          # the tests

The signing keys go to keys/ (private key 0600), which .gitignore keeps out of version control.
Every jwtallauth.* setting is in src/main/resources/application.yml.
"""
