package uk.mash.localstack;

import java.nio.file.Path;

/** A local stack on free ports for one test class, with a driver pointed at it. */
record RunningStack(LocalStack stack, PipelineDriver driver) implements AutoCloseable {

    static RunningStack start(Path home) {
        LocalStack stack = LocalStack.start(LocalStackSettings.ephemeral(home));
        return new RunningStack(stack, new PipelineDriver(stack.bootstrapServers(), stack.registryUrl().toString(),
                stack.serviceUrl(PipelineService.REFERRAL_INTAKE),
                stack.serviceUrl(PipelineService.NOTIFICATION_SERVICE)));
    }

    @Override
    public void close() {
        stack.close();
    }
}
