package dev.provingground.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;

/**
 * A Docker stack's shell: an interactive shell, on a terminal Docker opens, in a tools container of its own on the
 * stack's internal network. The container lives as long as the shell: closing the shell removes it, and with it every
 * process the learner started.
 */
final class ContainerShell implements StackShell {

	private final DockerClient docker;

	private final String container;

	private final String execId;

	private final BytePipe typed = new BytePipe();

	private final BytePipe shown = new BytePipe();

	/** Starts {@code command} on a terminal in the running {@code container}, with the container's environment. */
	ContainerShell(DockerClient docker, String container, java.util.List<String> command) {
		this.docker = docker;
		this.container = container;
		this.execId = docker.execCreateCmd(container)
			.withTty(true)
			.withAttachStdin(true)
			.withAttachStdout(true)
			.withAttachStderr(true)
			.withCmd(command.toArray(String[]::new))
			.exec()
			.getId();
		docker.execStartCmd(execId).withTty(true).withDetach(false).withStdIn(typed.reader())
			.exec(new ResultCallback.Adapter<Frame>() {

				@Override
				public void onNext(Frame frame) {
					try {
						shown.writer().write(frame.getPayload());
					}
					catch (IOException ex) {
						// the shell was closed: what it still prints has nowhere to go
					}
				}

				@Override
				public void onComplete() {
					shown.close();
				}

				@Override
				public void onError(Throwable error) {
					shown.close();
				}

			});
	}

	@Override
	public OutputStream input() {
		return typed.writer();
	}

	@Override
	public InputStream output() {
		return shown.reader();
	}

	@Override
	public void resize(int cols, int rows) {
		StackShell.requireSize(cols, rows);
		try {
			docker.resizeExecCmd(execId).withSize(rows, cols).exec();
		}
		catch (com.github.dockerjava.api.exception.DockerException ex) {
			// the shell has ended
		}
	}

	@Override
	public void close() {
		typed.close();
		shown.close();
		Containers.remove(docker, container);
	}

}
