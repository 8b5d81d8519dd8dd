package io.github.jwtallauth.autoconfigure.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in the test's JVM between an application's pool and a database server that
 * other tests share, so that the database can go away for this application alone: an
 * outage closes every proxied connection and refuses new ones (accepted, then closed at
 * once) until it ends. Its other trick loses one acknowledgement: the next client message
 * that contains {@code COMMIT} is passed on to the server, then the connection is cut
 * before the answer comes back, as when the network fails just after the database
 * committed.
 */
final class TcpProxy implements AutoCloseable {

	private static final byte[] COMMIT = "COMMIT".getBytes(StandardCharsets.US_ASCII);

	private final String targetHost;

	private final int targetPort;

	private final ServerSocket server;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean refusing = new AtomicBoolean();

	private final AtomicBoolean loseNextCommitAnswer = new AtomicBoolean();

	private final AtomicInteger lostCommitAnswers = new AtomicInteger();

	private final AtomicInteger refused = new AtomicInteger();

	private volatile boolean closed;

	TcpProxy(String targetHost, int targetPort) throws IOException {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "tcp-proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** Close every proxied connection and refuse new ones. */
	void cut() {
		this.refusing.set(true);
		for (Socket socket : this.open) {
			closeQuietly(socket);
		}
	}

	/** Accept connections again. */
	void restore() {
		this.refusing.set(false);
	}

	/** Connections refused since the proxy started. */
	int refused() {
		return this.refused.get();
	}

	/**
	 * Pass the next {@code COMMIT} on to the database, then cut that connection before
	 * its answer reaches the client.
	 */
	void loseNextCommitAnswer() {
		this.loseNextCommitAnswer.set(true);
	}

	/** Forget an earlier {@link #loseNextCommitAnswer()} that found no commit. */
	void keepCommitAnswers() {
		this.loseNextCommitAnswer.set(false);
	}

	/** How many commit answers were lost. */
	int lostCommitAnswers() {
		return this.lostCommitAnswers.get();
	}

	private void accept() {
		while (!this.closed) {
			Socket client;
			try {
				client = this.server.accept();
			}
			catch (IOException ex) {
				return;
			}
			if (this.refusing.get()) {
				this.refused.incrementAndGet();
				closeQuietly(client);
				continue;
			}
			try {
				Socket database = new Socket(this.targetHost, this.targetPort);
				this.open.add(client);
				this.open.add(database);
				pump(client, database, true);
				pump(database, client, false);
			}
			catch (IOException ex) {
				closeQuietly(client);
			}
		}
	}

	private void pump(Socket from, Socket to, boolean fromClient) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16384];
			boolean closeBoth = true;
			try {
				InputStream in = from.getInputStream();
				OutputStream out = to.getOutputStream();
				int read;
				while ((read = in.read(buffer)) >= 0) {
					out.write(buffer, 0, read);
					out.flush();
					if (fromClient && contains(buffer, read, COMMIT)
							&& this.loseNextCommitAnswer.compareAndSet(true, false)) {
						// the database has the commit and runs it; its answer finds the
						// client gone (the pump the other way closes the database side
						// once
						// it has read it)
						this.lostCommitAnswers.incrementAndGet();
						closeBoth = false;
						closeQuietly(from);
						return;
					}
				}
			}
			catch (IOException ex) {
				// the other side went away, or the connection was cut
			}
			finally {
				if (closeBoth) {
					closeQuietly(from);
					closeQuietly(to);
				}
			}
		}, "tcp-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static boolean contains(byte[] buffer, int length, byte[] word) {
		outer: for (int i = 0; i + word.length <= length; i++) {
			for (int j = 0; j < word.length; j++) {
				if (buffer[i + j] != word[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	private void closeQuietly(Socket socket) {
		this.open.remove(socket);
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	@Override
	public void close() {
		this.closed = true;
		cut();
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

}
