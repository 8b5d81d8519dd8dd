package ${package};

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Creates the ES256 signing key pair on the first start: when
 * {@code jwtallauth.jwt.private-key} and {@code jwtallauth.jwt.public-key} are {@code file:}
 * resources and neither file exists, it writes a new P-256 pair there (PKCS#8 and X.509 PEM),
 * before jwt-allauth reads them. On POSIX systems the private key is readable by its owner
 * only (0600) and its folder is 0700. Keys given any other way (an environment variable with
 * {@code base64:} keys in production) are left alone, and so is a pair of which one file
 * exists: jwt-allauth then stops start-up, naming the missing one.
 * <p>
 * Registered in {@code META-INF/spring.factories}, so that it runs before the context of the
 * application and of every {@code @SpringBootTest}. Delete it (and that file) once the keys
 * come from your secret store.
 */
class KeyPairInitializer implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	private static final Log logger = LogFactory.getLog(KeyPairInitializer.class);

	private static final String FILE = "file:";

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		Environment environment = event.getEnvironment();
		String privateKey = environment.getProperty("jwtallauth.jwt.private-key");
		String publicKey = environment.getProperty("jwtallauth.jwt.public-key");
		if (privateKey == null || publicKey == null || !privateKey.startsWith(FILE) || !publicKey.startsWith(FILE)) {
			return;
		}
		Path privateFile = Path.of(privateKey.substring(FILE.length()));
		if (createIfAbsent(privateFile, Path.of(publicKey.substring(FILE.length())))) {
			logger.info("Created a new ES256 key pair for jwt-allauth in " + privateFile.toAbsolutePath().getParent()
					+ " (keep it out of version control)");
		}
	}

	/**
	 * Writes a new key pair unless one of the two files exists.
	 * @param privateKey where the private key goes
	 * @param publicKey where the public key goes
	 * @return whether a key pair was written
	 */
	static boolean createIfAbsent(Path privateKey, Path publicKey) {
		if (Files.exists(privateKey) || Files.exists(publicKey)) {
			return false;
		}
		KeyPair pair = generate();
		boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
		try {
			Path folder = privateKey.toAbsolutePath().getParent();
			Files.createDirectories(folder);
			if (posix) {
				Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
				// created with its permissions, so the key is never readable by others
				Files.createFile(privateKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
			Files.createDirectories(publicKey.toAbsolutePath().getParent());
			Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
			return true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the key pair to " + privateKey + " and " + publicKey, ex);
		}
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("This Java runtime cannot generate a P-256 key pair", ex);
		}
	}

	private static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

}
