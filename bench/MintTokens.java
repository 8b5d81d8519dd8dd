import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bench helper (run as a single-file program: java bench/MintTokens.java ...): writes N
 * distinct access tokens, one a line, that differ from a token the server issued only in
 * their "jti", each signed with the server's own key. Usage:
 *
 * <pre>
 * java MintTokens.java TEMPLATE_TOKEN HS256|RS256|ES256 SECRET_OR_PKCS8_PEM_FILE COUNT OUT
 * </pre>
 */
public class MintTokens {

	private static final Pattern JTI = Pattern.compile("\"jti\":\"[^\"]*\"");

	public static void main(String[] args) throws Exception {
		String[] parts = args[0].split("\\.");
		String algorithm = args[1];
		String keyArgument = args[2];
		int count = Integer.parseInt(args[3]);
		Path out = Path.of(args[4]);
		Base64.Decoder decoder = Base64.getUrlDecoder();
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		String payload = new String(decoder.decode(parts[1]), StandardCharsets.UTF_8);
		Matcher jti = JTI.matcher(payload);
		if (!jti.find()) {
			throw new IllegalArgumentException("the template token has no jti");
		}
		String before = payload.substring(0, jti.start());
		String after = payload.substring(jti.end());
		PrivateKey privateKey = algorithm.equals("HS256") ? null : readKey(keyArgument, algorithm);
		SecureRandom random = new SecureRandom();
		String[] tokens = new String[count];
		IntStream.range(0, count).parallel().forEach((i) -> {
			byte[] id = new byte[16];
			random.nextBytes(id);
			String claims = before + "\"jti\":\"" + HexFormat.of().formatHex(id) + "\"" + after;
			String input = parts[0] + "." + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
			tokens[i] = input + "." + encoder.encodeToString(sign(algorithm, keyArgument, privateKey,
					input.getBytes(StandardCharsets.US_ASCII)));
		});
		try (BufferedWriter writer = Files.newBufferedWriter(out)) {
			for (String token : tokens) {
				writer.write(token);
				writer.newLine();
			}
		}
	}

	private static byte[] sign(String algorithm, String secret, PrivateKey key, byte[] input) {
		try {
			switch (algorithm) {
				case "HS256" -> {
					Mac mac = Mac.getInstance("HmacSHA256");
					mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
					return mac.doFinal(input);
				}
				case "RS256" -> {
					Signature signature = Signature.getInstance("SHA256withRSA");
					signature.initSign(key);
					signature.update(input);
					return signature.sign();
				}
				case "ES256" -> {
					// JWS wants R || S (32 bytes each), the JDK gives DER
					Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
					signature.initSign(key);
					signature.update(input);
					return signature.sign();
				}
				default -> throw new IllegalArgumentException("unknown algorithm " + algorithm);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static PrivateKey readKey(String file, String algorithm) throws Exception {
		String pem = Files.readString(Path.of(file));
		String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
		return KeyFactory.getInstance(algorithm.equals("RS256") ? "RSA" : "EC")
			.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
	}

}
