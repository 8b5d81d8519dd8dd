package io.github.jwtallauth.autoconfigure.mfa;

import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * QR codes as standalone SVG documents, one path of unit squares, ready for an
 * {@code <img>} or inline use. Needs ZXing on the classpath.
 *
 * @author jwt-allauth contributors
 */
final class QrCodes {

	/** A class of ZXing, to test for its presence. */
	static final String ZXING_CLASS = "com.google.zxing.qrcode.QRCodeWriter";

	private QrCodes() {
	}

	/**
	 * Encode a text as a QR code.
	 * @param text the text, e.g. an {@code otpauth://} URI
	 * @return the SVG document
	 */
	static String svg(String text) {
		BitMatrix matrix;
		try {
			matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
					Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
		}
		catch (WriterException ex) {
			throw new IllegalArgumentException("Too long for a QR code", ex);
		}
		int width = matrix.getWidth();
		int height = matrix.getHeight();
		StringBuilder path = new StringBuilder();
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				if (matrix.get(x, y)) {
					path.append('M').append(x).append(',').append(y).append("h1v1h-1z");
				}
			}
		}
		return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 "
				+ width + " " + height
				+ "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
				+ "<path fill=\"#000000\" d=\"" + path + "\"/></svg>";
	}

}
