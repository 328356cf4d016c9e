"""Certificates (证书): numbered PDF certificates of registered rights, QR verification, 补发/换发/注销
(RG-02)."""
