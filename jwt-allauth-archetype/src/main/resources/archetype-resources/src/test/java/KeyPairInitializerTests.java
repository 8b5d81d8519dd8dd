package ${package};

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The key pair of the first start: written once, readable by its owner only.
 */
class KeyPairInitializerTests {

	@TempDir
	Path directory;

	@Test
	void createIfAbsentWritesAMatchingP256PairOnce() throws Exception {
		Path privateKey = this.directory.resolve("keys/private.pem");
		Path publicKey = this.directory.resolve("keys/public.pem");
		assertThat(KeyPairInitializer.createIfAbsent(privateKey, publicKey)).isTrue();
		KeyFactory factory = KeyFactory.getInstance("EC");
		ECPrivateKey privateEc = (ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(der(privateKey)));
		ECPublicKey publicEc = (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(der(publicKey)));
		assertThat(privateEc.getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
		assertThat(publicEc.getParams().getCurve()).isEqualTo(privateEc.getParams().getCurve());

		String before = Files.readString(privateKey);
		assertThat(KeyPairInitializer.createIfAbsent(privateKey, publicKey)).isFalse();
		assertThat(Files.readString(privateKey)).isEqualTo(before);
	}

	@Test
	void createIfAbsentKeepsThePrivateKeyToItsOwner() throws Exception {
		assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
		Path privateKey = this.directory.resolve("keys/private.pem");
		KeyPairInitializer.createIfAbsent(privateKey, this.directory.resolve("keys/public.pem"));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey.getParent())))
			.isEqualTo("rwx------");
	}

	@Test
	void createIfAbsentLeavesAHalfPairAlone() throws Exception {
		Path publicKey = this.directory.resolve("public.pem");
		Files.writeString(publicKey, "existing");
		assertThat(KeyPairInitializer.createIfAbsent(this.directory.resolve("private.pem"), publicKey)).isFalse();
		assertThat(this.directory.resolve("private.pem")).doesNotExist();
	}

	private static byte[] der(Path pem) throws Exception {
		String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		return Base64.getDecoder().decode(body);
	}

}
