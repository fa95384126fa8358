package dev.funnelflow.ranking;

/** Where ONNX Runtime runs a model. CUDA needs the {@code gpu} build profile, CUDA 12 and cuDNN 9. */
public enum ExecutionProvider {
    CPU,
    CUDA
}
