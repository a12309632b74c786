"""danchu: thực hiện và báo cáo dân chủ ở cơ sở."""
