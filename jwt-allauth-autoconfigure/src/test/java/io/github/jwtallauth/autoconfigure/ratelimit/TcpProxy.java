package io.github.jwtallauth.autoconfigure.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Forwards TCP connections to a server, until {@link #close()} drops them all and stops
 * listening: a server that goes away under an open connection, without stopping the
 * shared one.
 */
final class TcpProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	TcpProxy(String host, int port) throws IOException {
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(() -> {
			while (!this.listener.isClosed()) {
				try {
					Socket client = this.listener.accept();
					Socket server = new Socket(host, port);
					this.sockets.add(client);
					this.sockets.add(server);
					pump(client, server);
					pump(server, client);
				}
				catch (IOException ex) {
					// closed
				}
			}
		}, "tcp-proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.listener.getLocalPort();
	}

	private void pump(Socket from, Socket to) {
		Thread pump = new Thread(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// one side closed
			}
		}, "tcp-proxy-pump");
		pump.setDaemon(true);
		pump.start();
	}

	@Override
	public void close() throws IOException {
		this.listener.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

}
